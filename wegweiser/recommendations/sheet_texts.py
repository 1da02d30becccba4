"""Fixed phrases of the printable advice sheet in the participant languages.

Written by the Wegweiser team and not yet reviewed by native speakers (see docs/translations.md).
"""

from __future__ import annotations

SHEET_TEXTS: dict[str, dict[str, str]] = {
    "de": {"title": "Ihre Beratung: passende Berufe", "have": "Das können Sie schon",
           "learn": "Das lernen Sie noch", "steps": "Nächste Schritte", "german": "Deutsch nötig"},
    "en": {"title": "Your advice: suitable occupations", "have": "What you can already do",
           "learn": "What you still need to learn", "steps": "Next steps", "german": "German needed"},
    "ar": {"title": "استشارتك: مهن مناسبة لك", "have": "ما تستطيع فعله الآن",
           "learn": "ما زلت تحتاج إلى تعلمه", "steps": "الخطوات التالية", "german": "مستوى الألمانية المطلوب"},
    "fa": {"title": "مشاوره شما: شغل‌های مناسب", "have": "آنچه اکنون بلد هستید",
           "learn": "آنچه هنوز باید یاد بگیرید", "steps": "قدم‌های بعدی", "german": "سطح زبان آلمانی لازم"},
    "uk": {"title": "Ваша консультація: відповідні професії", "have": "Що ви вже вмієте",
           "learn": "Чого ще потрібно навчитися", "steps": "Наступні кроки", "german": "Потрібна німецька"},
    "ru": {"title": "Ваша консультация: подходящие профессии", "have": "Что вы уже умеете",
           "learn": "Чему ещё нужно научиться", "steps": "Следующие шаги", "german": "Нужен немецкий"},
    "tr": {"title": "Danışmanlığınız: size uygun meslekler", "have": "Şimdiden yapabildikleriniz",
           "learn": "Henüz öğrenmeniz gerekenler", "steps": "Sonraki adımlar", "german": "Gereken Almanca"},
    "ti": {"title": "ምኽርኹም፦ ዝሰማምዑ ሞያታት", "have": "ሕጂ ክትገብርዎ ትኽእሉ",
           "learn": "ገና ክትመሃርዎ ዘለኩም", "steps": "ዝቕጽሉ ስጉምትታት", "german": "ዘድሊ ደረጃ ጀርመንኛ"},
}
RTL = {"ar", "fa"}


def sheet_texts(lang: str) -> dict[str, str]:
    return SHEET_TEXTS.get(lang, SHEET_TEXTS["en"])
