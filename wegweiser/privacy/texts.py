"""Printed texts of the access report (auskunft.pdf) in the participant languages.

Like the self-service pages, the report speaks to the person in their own language; these few headings
are kept here in one table instead of the staff catalogue (locale/), which only carries German → English.
Keys: "title", "intro", "person", "generated", "audit", "other", and one heading per app of the case file.
An app without a heading here is printed under "other" (German name of the app's records beside it).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Auskunft über Ihre gespeicherten Daten",
        "intro": "Nach Art. 15 DSGVO und § 83 SGB X haben Sie das Recht zu erfahren, welche Daten wir über Sie "
                 "speichern. Diese Auskunft enthält alle Daten Ihrer Akte und wer sie eingesehen oder geändert hat.",
        "person": "Ihre Stammdaten",
        "generated": "Erstellt am",
        "audit": "Wer hat Ihre Akte eingesehen oder geändert?",
        "other": "Weitere Daten",
        "participants": "Akte: Sprachen, Bildung, Berufserfahrung, Kontakte, Kompetenzen",
        "selfservice": "Selbstauskunft",
        "interests": "Interessen und Wünsche",
        "programmes": "Kurse, Anwesenheit und Bescheinigungen",
        "recommendations": "Empfehlungen",
        "plans": "Kooperationsplan",
        "partners": "Einwilligungen und Vermittlungen",
        "reporting": "Ergebnisse",
        "privacy": "Einschränkung der Verarbeitung",
        "none": "Keine Einträge.",
    },
    "en": {
        "title": "Information about your stored data",
        "intro": "Under Art. 15 GDPR you have the right to know which data we store about you. This report "
                 "contains all data in your file and who viewed or changed it.",
        "person": "Your personal details",
        "generated": "Created on",
        "audit": "Who viewed or changed your file?",
        "other": "Other data",
        "participants": "File: languages, education, work experience, contacts, skills",
        "selfservice": "Self-service",
        "interests": "Interests and wishes",
        "programmes": "Courses, attendance and certificates",
        "recommendations": "Recommendations",
        "plans": "Cooperation plan",
        "partners": "Consents and referrals",
        "reporting": "Results",
        "privacy": "Restriction of processing",
        "none": "No entries.",
    },
    "ar": {
        "title": "معلومات عن بياناتك المحفوظة",
        "intro": "وفقًا للمادة 15 من اللائحة العامة لحماية البيانات يحق لك أن تعرف ما هي البيانات التي نحفظها عنك. "
                 "يحتوي هذا التقرير على جميع بيانات ملفك ومن اطلع عليها أو غيرها.",
        "person": "بياناتك الشخصية",
        "generated": "تاريخ الإنشاء",
        "audit": "من اطلع على ملفك أو غيره؟",
        "other": "بيانات أخرى",
        "participants": "الملف: اللغات والتعليم والخبرة المهنية والمواعيد والمهارات",
        "selfservice": "الخدمة الذاتية",
        "interests": "الاهتمامات والرغبات",
        "programmes": "الدورات والحضور والشهادات",
        "recommendations": "التوصيات",
        "plans": "خطة التعاون",
        "partners": "الموافقات والإحالات",
        "reporting": "النتائج",
        "privacy": "تقييد المعالجة",
        "none": "لا توجد إدخالات.",
    },
    "fa": {
        "title": "اطلاعات درباره داده‌های ذخیره‌شده شما",
        "intro": "طبق ماده ۱۵ مقررات عمومی حفاظت از داده‌ها حق دارید بدانید چه داده‌هایی از شما ذخیره می‌کنیم. "
                 "این گزارش همه داده‌های پرونده شما و کسانی را که آن را دیده یا تغییر داده‌اند نشان می‌دهد.",
        "person": "مشخصات شخصی شما",
        "generated": "تاریخ تهیه",
        "audit": "چه کسی پرونده شما را دیده یا تغییر داده است؟",
        "other": "داده‌های دیگر",
        "participants": "پرونده: زبان‌ها، تحصیلات، سابقه کار، ملاقات‌ها، مهارت‌ها",
        "selfservice": "خودخدمت",
        "interests": "علایق و خواسته‌ها",
        "programmes": "دوره‌ها، حضور و گواهی‌ها",
        "recommendations": "پیشنهادها",
        "plans": "برنامه همکاری",
        "partners": "رضایت‌نامه‌ها و ارجاع‌ها",
        "reporting": "نتایج",
        "privacy": "محدودیت پردازش",
        "none": "موردی وجود ندارد.",
    },
    "uk": {
        "title": "Інформація про ваші збережені дані",
        "intro": "Відповідно до ст. 15 GDPR ви маєте право знати, які дані про вас ми зберігаємо. Цей звіт "
                 "містить усі дані вашої справи та хто їх переглядав або змінював.",
        "person": "Ваші особисті дані",
        "generated": "Створено",
        "audit": "Хто переглядав або змінював вашу справу?",
        "other": "Інші дані",
        "participants": "Справа: мови, освіта, досвід роботи, консультації, навички",
        "selfservice": "Самообслуговування",
        "interests": "Інтереси та побажання",
        "programmes": "Курси, відвідування та сертифікати",
        "recommendations": "Рекомендації",
        "plans": "План співпраці",
        "partners": "Згоди та направлення",
        "reporting": "Результати",
        "privacy": "Обмеження обробки",
        "none": "Записів немає.",
    },
    "ru": {
        "title": "Сведения о ваших сохранённых данных",
        "intro": "Согласно ст. 15 GDPR вы имеете право знать, какие данные о вас мы храним. Этот отчёт "
                 "содержит все данные вашего дела и кто их просматривал или изменял.",
        "person": "Ваши личные данные",
        "generated": "Создано",
        "audit": "Кто просматривал или изменял ваше дело?",
        "other": "Другие данные",
        "participants": "Дело: языки, образование, опыт работы, консультации, навыки",
        "selfservice": "Самообслуживание",
        "interests": "Интересы и пожелания",
        "programmes": "Курсы, посещаемость и сертификаты",
        "recommendations": "Рекомендации",
        "plans": "План сотрудничества",
        "partners": "Согласия и направления",
        "reporting": "Результаты",
        "privacy": "Ограничение обработки",
        "none": "Записей нет.",
    },
    "tr": {
        "title": "Kayıtlı verileriniz hakkında bilgi",
        "intro": "GVKT madde 15 uyarınca hakkınızda hangi verileri sakladığımızı öğrenme hakkınız vardır. Bu "
                 "rapor dosyanızdaki tüm verileri ve bunları kimin görüntülediğini veya değiştirdiğini içerir.",
        "person": "Kişisel bilgileriniz",
        "generated": "Oluşturulma tarihi",
        "audit": "Dosyanızı kim görüntüledi veya değiştirdi?",
        "other": "Diğer veriler",
        "participants": "Dosya: diller, eğitim, iş deneyimi, görüşmeler, yetkinlikler",
        "selfservice": "Self servis",
        "interests": "İlgi alanları ve istekler",
        "programmes": "Kurslar, devam durumu ve belgeler",
        "recommendations": "Öneriler",
        "plans": "İşbirliği planı",
        "partners": "Onaylar ve yönlendirmeler",
        "reporting": "Sonuçlar",
        "privacy": "İşlemenin kısıtlanması",
        "none": "Kayıt yok.",
    },
    "ti": {
        "title": "ብዛዕባ ዝተዓቀበ ሓበሬታኹም",
        "intro": "ብመሰረት ዓንቀጽ 15 GDPR ብዛዕባኹም እንታይ ሓበሬታ ከም እንዕቅብ ክትፈልጡ መሰል ኣለኩም። እዚ ጸብጻብ "
                 "ኩሉ ሓበሬታ ፋይልኩምን መን ከም ዝረኣዮ ወይ ዝቐየሮን ይሕዝ።",
        "person": "ውልቃዊ ሓበሬታኹም",
        "generated": "ዝተዳለወሉ ዕለት",
        "audit": "ፋይልኩም መን ረኣዩ ወይ ቀየሮ?",
        "other": "ካልእ ሓበሬታ",
        "participants": "ፋይል፡ ቋንቋታት፡ ትምህርቲ፡ ተመኩሮ ስራሕ፡ ርክባት፡ ክእለታት",
        "selfservice": "ባዕልኻ ኣገልግሎት",
        "interests": "ድሌታትን ኣገዳስነትን",
        "programmes": "ኮርሳት፡ ምህላውን ሰርቲፊኬታትን",
        "recommendations": "ምኽርታት",
        "plans": "ናይ ምትሕግጋዝ መደብ",
        "partners": "ፍቓዳትን ምልኣኽን",
        "reporting": "ውጽኢታት",
        "privacy": "ምግዳብ ምስራሕ",
        "none": "ዝኾነ ምዝገባ የለን።",
    },
}


def text(language: str, key: str) -> str:
    table = TEXTS.get(language, TEXTS["de"])
    return table.get(key) or TEXTS["de"].get(key, key)
