"""Plain-language consent texts, version 1, in the eight self-service languages.

Written for this project and NOT reviewed by translators or a data-protection officer yet
(docs/partners.md says so). `{organisation}` is replaced by the partner's name when shown.
A changed text gets a new version number; consents keep the version (and exact text) they were given on.
"""

from __future__ import annotations

VERSION = 1

_FRAME = {
    "de": "{purpose} Sie können Nein sagen. Das hat keine Nachteile für Ihre Leistungen. "
          "Sie können die Einwilligung jederzeit widerrufen: im Jobcenter oder hier auf Ihrer Seite. "
          "Dann bekommt {organisation} sofort keine Daten mehr von uns.",
    "en": "{purpose} You can say no. This has no disadvantages for your benefits. "
          "You can withdraw your consent at any time: at the jobcentre or here on your page. "
          "Then {organisation} immediately gets no more data from us.",
    "ar": "{purpose} يمكنك أن تقول لا. ليس لذلك أي ضرر على مساعداتك. "
          "يمكنك سحب موافقتك في أي وقت: في مركز العمل أو هنا في صفحتك. "
          "عندها لن تحصل {organisation} على أي بيانات منا بعد الآن.",
    "fa": "{purpose} شما می‌توانید نه بگویید. این هیچ ضرری برای کمک‌های شما ندارد. "
          "شما می‌توانید هر زمان رضایت خود را پس بگیرید: در جاب‌سنتر یا همین‌جا در صفحهٔ خودتان. "
          "در آن صورت {organisation} فوراً دیگر هیچ اطلاعاتی از ما دریافت نمی‌کند.",
    "uk": "{purpose} Ви можете сказати «ні». Це не шкодить вашим виплатам. "
          "Ви можете будь-коли відкликати згоду: у джобцентрі або тут, на вашій сторінці. "
          "Тоді {organisation} одразу більше не отримує від нас жодних даних.",
    "ru": "{purpose} Вы можете отказаться. Это не повлияет на ваши выплаты. "
          "Вы можете в любой момент отозвать согласие: в джобцентре или здесь, на вашей странице. "
          "Тогда {organisation} сразу перестанет получать от нас данные.",
    "tr": "{purpose} Hayır diyebilirsiniz. Bunun yardımlarınıza hiçbir zararı olmaz. "
          "Onayınızı istediğiniz zaman geri alabilirsiniz: Jobcenter'da ya da burada, kendi sayfanızda. "
          "O zaman {organisation} bizden hemen hiçbir veri almaz.",
    "ti": "{purpose} ኣይፋልን ክትብሉ ትኽእሉ ኢኹም። እዚ ኣብ ሓገዝኩም ዝኾነ ጉድኣት የብሉን። "
          "ስምምዕኩም ኣብ ዝኾነ እዋን ክትስሕቡ ትኽእሉ ኢኹም፡ ኣብ ጆብሰንተር ወይ ኣብዚ ኣብ ገጽኩም። "
          "ሽዑ {organisation} ብቕልጡፍ ካባና ዝኾነ ሓበሬታ ኣይረክብን።",
}

_PURPOSES = {
    "referral": {
        "de": "Das Jobcenter darf Sie an {organisation} vermitteln. Dafür bekommt {organisation} "
              "Ihren Namen und Ihre Sprachen.",
        "en": "The jobcentre may refer you to {organisation}. For this, {organisation} gets your name "
              "and your languages.",
        "ar": "يجوز لمركز العمل أن يحيلك إلى {organisation}. لذلك تحصل {organisation} على اسمك ولغاتك.",
        "fa": "جاب‌سنتر می‌تواند شما را به {organisation} معرفی کند. برای این کار {organisation} "
              "نام و زبان‌های شما را دریافت می‌کند.",
        "uk": "Джобцентр може направити вас до {organisation}. Для цього {organisation} отримує "
              "ваше ім'я та мови, якими ви володієте.",
        "ru": "Джобцентр может направить вас в {organisation}. Для этого {organisation} получает "
              "ваше имя и языки, которыми вы владеете.",
        "tr": "Jobcenter sizi {organisation} kuruluşuna yönlendirebilir. Bunun için {organisation} "
              "adınızı ve bildiğiniz dilleri alır.",
        "ti": "ጆብሰንተር ናብ {organisation} ክሰደኩም ይኽእል። ንዚ {organisation} ሽምኩምን ቋንቋታትኩምን ይረክብ።",
    },
    "profile_sharing": {
        "de": "Das Jobcenter darf {organisation} mehr über Sie sagen: zum Beispiel Ihren Wohnort, "
              "Ihre Ausbildung, Ihre Berufserfahrung und was Sie können. Über Ihre Gesundheit sagen wir nie etwas.",
        "en": "The jobcentre may tell {organisation} more about you: for example where you live, your "
              "education, your work experience and what you can do. We never say anything about your health.",
        "ar": "يجوز لمركز العمل أن يخبر {organisation} بالمزيد عنك: مثلاً مكان سكنك وتعليمك وخبرتك "
              "في العمل وما تجيده. لا نقول أبداً أي شيء عن صحتك.",
        "fa": "جاب‌سنتر می‌تواند اطلاعات بیشتری دربارهٔ شما به {organisation} بدهد: مثلاً محل زندگی، "
              "تحصیلات، سابقهٔ کار و توانایی‌های شما. ما هرگز چیزی دربارهٔ سلامت شما نمی‌گوییم.",
        "uk": "Джобцентр може розповісти {organisation} більше про вас: наприклад, де ви живете, "
              "вашу освіту, досвід роботи і що ви вмієте. Про ваше здоров'я ми ніколи нічого не кажемо.",
        "ru": "Джобцентр может рассказать {organisation} больше о вас: например, где вы живёте, "
              "ваше образование, опыт работы и что вы умеете. О вашем здоровье мы никогда ничего не сообщаем.",
        "tr": "Jobcenter {organisation} kuruluşuna sizin hakkınızda daha fazla bilgi verebilir: örneğin "
              "oturduğunuz yer, eğitiminiz, iş deneyiminiz ve neler yapabildiğiniz. Sağlığınız hakkında asla "
              "bir şey söylemeyiz.",
        "ti": "ጆብሰንተር ብዛዕባኹም ተወሳኺ ሓበሬታ ን{organisation} ክህብ ይኽእል፡ ንኣብነት መንበሪኹም፡ ትምህርትኹም፡ "
              "ተሞክሮ ስራሕኩምን ክእለትኩምን። ብዛዕባ ጥዕናኹም ፈጺምና ኣይንዛረብን።",
    },
    "job_placement": {
        "de": "Das Jobcenter darf Sie {organisation} für eine Arbeitsstelle vorschlagen. Dafür bekommt "
              "{organisation} Ihren Namen, Ihre Sprachen und, wenn Sie auch dem zustimmen, Ihr Profil.",
        "en": "The jobcentre may suggest you to {organisation} for a job. For this, {organisation} gets "
              "your name, your languages and, if you agree to that too, your profile.",
        "ar": "يجوز لمركز العمل أن يرشحك لدى {organisation} لوظيفة. لذلك تحصل {organisation} على اسمك "
              "ولغاتك، وعلى ملفك الشخصي إذا وافقت على ذلك أيضاً.",
        "fa": "جاب‌سنتر می‌تواند شما را برای یک شغل به {organisation} پیشنهاد کند. برای این کار "
              "{organisation} نام و زبان‌های شما و، اگر با آن هم موافق باشید، پروفایل شما را دریافت می‌کند.",
        "uk": "Джобцентр може запропонувати вас {organisation} на робоче місце. Для цього {organisation} "
              "отримує ваше ім'я, ваші мови і, якщо ви теж погодитеся, ваш профіль.",
        "ru": "Джобцентр может предложить вас {organisation} на рабочее место. Для этого {organisation} "
              "получает ваше имя, ваши языки и, если вы тоже согласитесь, ваш профиль.",
        "tr": "Jobcenter sizi bir iş için {organisation} kuruluşuna önerebilir. Bunun için {organisation} "
              "adınızı, dillerinizi ve buna da onay verirseniz profilinizi alır.",
        "ti": "ጆብሰንተር ንስራሕ ናብ {organisation} ክሕብረኩም ይኽእል። ንዚ {organisation} ሽምኩም፡ ቋንቋታትኩምን፡ "
              "ንዚ እውን እንተ ተሰማሚዕኩም፡ ፕሮፋይልኩምን ይረክብ።",
    },
    "programme_reporting": {
        "de": "{organisation} darf dem Jobcenter sagen, ob Sie an einem Kurs oder Angebot teilnehmen "
              "und wie es läuft.",
        "en": "{organisation} may tell the jobcentre whether you take part in a course or offer and how it goes.",
        "ar": "يجوز لـ{organisation} أن تخبر مركز العمل إن كنت تشارك في دورة أو برنامج وكيف تسير الأمور.",
        "fa": "{organisation} می‌تواند به جاب‌سنتر بگوید که آیا در یک دوره یا برنامه شرکت می‌کنید و "
              "کار چطور پیش می‌رود.",
        "uk": "{organisation} може повідомляти джобцентр, чи берете ви участь у курсі чи програмі "
              "і як у вас справи.",
        "ru": "{organisation} может сообщать джобцентру, участвуете ли вы в курсе или программе "
              "и как идут дела.",
        "tr": "{organisation}, bir kursa veya programa katılıp katılmadığınızı ve nasıl gittiğini "
              "Jobcenter'a söyleyebilir.",
        "ti": "{organisation} ኣብ ኮርስ ወይ መደብ ትሳተፉ እንተ ኣለኹምን ከመይ ይኸይድ ከም ዘሎን ንጆብሰንተር ክሕብር ይኽእል።",
    },
}

LANGUAGES = tuple(_FRAME)


def text_for(purpose: str, language: str) -> str:
    return _FRAME[language].replace("{purpose}", _PURPOSES[purpose][language])


def all_texts() -> list[tuple[str, str, str]]:
    """(purpose, language, text) for every purpose and language of this version."""
    return [(purpose, lang, text_for(purpose, lang)) for purpose in _PURPOSES for lang in LANGUAGES]
