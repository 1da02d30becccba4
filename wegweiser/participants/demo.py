"""Synthetic demo data for a rural German district (modelled on Landkreis Mayen-Koblenz).

Every person here is invented: names are combined at random from our own short lists, dates and
numbers are drawn from a seeded generator, phone numbers come from the ranges the Bundesnetzagentur
keeps free for film and media. Nothing is taken from a real case file.

Determinism: person `i` is drawn from its own `random.Random(f"...:{seed}:{i}")`, so the first 30
people are the same whether 30 or 2,723 are seeded, and neither dict/set order nor the clock
changes a name, a date of birth or a customer number. Only dates that must be *relative* to today
for the demo to make sense (expiring permits, last contacts) are offsets from `today`.

Idempotency: customer numbers are a function of (seed, i); people whose number already exists in
the jobcenter are skipped, users that exist are left alone (their password is never reset).

The writes bypass `participant_create` on purpose: seeding 2,723 files one service call at a time
would take minutes and write an audit row per file for something no user did. The name key and
search text are computed exactly as the service computes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from wegweiser.accounts.models import Organisation, Role, Team, User
from wegweiser.accounts.services import user_create

from . import duplicates
from .models import (
    ContactNote,
    EducationEntry,
    LanguageCertificate,
    LanguageSkill,
    Participant,
    Phase,
    WorkHistoryEntry,
)

JOBCENTER = "Jobcenter Landkreis Mayen-Koblenz"
OTHER_JOBCENTER = "Jobcenter Beispielstadt"
TEAM_NORTH = "Team Integration Nord"
TEAM_SOUTH = "Team Integration Süd"
CUSTOMER_PREFIX = "312D"
OTHER_CUSTOMER_PREFIX = "999D"

ORGANISATIONS: list[tuple[str, str, str]] = [
    (JOBCENTER, Organisation.Kind.JOBCENTER, "Koblenz"),
    ("International Rescue Committee Deutschland", Organisation.Kind.PARTNER, "Berlin"),
    ("Berufsbildende Schule Mayen", Organisation.Kind.SCHOOL, "Mayen"),
    ("Stiftung Zukunft Digital", Organisation.Kind.FUNDER, "Koblenz"),
    ("Sprachschule Koblenz", Organisation.Kind.LANGUAGE_PROVIDER, "Koblenz"),
    ("Nettetal Metallbau GmbH", Organisation.Kind.EMPLOYER, "Mayen"),
    (OTHER_JOBCENTER, Organisation.Kind.JOBCENTER, "Beispielstadt"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    organisation: str
    role: str
    team: str | None = None
    first_name: str = ""
    last_name: str = ""


# The five logins the README promises, plus the caseworkers who carry the caseload.
DEMO_USERS: list[DemoUser] = [
    DemoUser("demo-admin", JOBCENTER, Role.ADMIN, None, "Andrea", "Demo-Leitung"),
    DemoUser("demo-caseworker", JOBCENTER, Role.CASEWORKER, TEAM_NORTH, "Chris", "Demo-Fallmanagement"),
    DemoUser("demo-trainer", "Berufsbildende Schule Mayen", Role.TRAINER, None, "Toni", "Demo-Lehrkraft"),
    DemoUser("demo-partner", "International Rescue Committee Deutschland", Role.PARTNER, None, "Pat",
             "Demo-Partner"),
    DemoUser("demo-funder", "Stiftung Zukunft Digital", Role.FUNDER, None, "Kim", "Demo-Stiftung"),
    DemoUser("demo-caseworker-beispielstadt", OTHER_JOBCENTER, Role.CASEWORKER, None, "Sascha",
             "Demo-Beispielstadt"),
]
EXTRA_CASEWORKERS = 8  # split across both teams: fm-nord-1.., fm-sued-1..

# Municipalities of the district; the Rhine side belongs to team Nord, the Eifel side to Süd.
MUNICIPALITIES_NORTH = [
    ("Andernach", 12), ("Bendorf", 7), ("Vallendar", 4), ("Weißenthurm", 4), ("Mülheim-Kärlich", 4),
    ("Kobern-Gondorf", 2), ("Urmitz", 1), ("Kettig", 1), ("Plaidt", 2), ("Saffig", 1), ("Bassenheim", 1),
]
MUNICIPALITIES_SOUTH = [
    ("Mayen", 14), ("Mendig", 4), ("Polch", 3), ("Kottenheim", 1), ("Münstermaifeld", 2),
    ("Ochtendung", 2), ("Kruft", 1), ("Thür", 1), ("Kaisersesch", 1), ("Lonnig", 1),
]


# --- names -----------------------------------------------------------------------------------


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """`Latin=Original|...` -> ((latin, original), ...); a missing original means Latin script."""
    out = []
    for item in text.split("|"):
        item = item.strip()
        if item:
            latin, _, original = item.partition("=")
            out.append((latin.strip(), original.strip()))
    return tuple(out)


ARABIC_MALE = _pairs(
    "Mohammed=محمد|Ahmad=أحمد|Mahmoud=محمود|Khaled=خالد|Omar=عمر|Ali=علي|Hassan=حسن|Hussein=حسين|"
    "Youssef=يوسف|Ibrahim=إبراهيم|Abdulrahman=عبد الرحمن|Abdullah=عبد الله|Mustafa=مصطفى|Bilal=بلال|"
    "Hamza=حمزة|Rami=رامي|Samer=سامر|Walid=وليد|Tarek=طارق|Fadi=فادي|Majd=مجد|Anas=أنس|Osama=أسامة|"
    "Ammar=عمار|Yaser=ياسر|Jamal=جمال|Karim=كريم|Ziad=زياد|Firas=فراس|Hadi=هادي|Mazen=مازن|Nizar=نزار"
)
ARABIC_FEMALE = _pairs(
    "Fatima=فاطمة|Aisha=عائشة|Mariam=مريم|Nour=نور|Rama=راما|Lina=لينا|Hala=هلا|Rana=رنا|Huda=هدى|"
    "Amal=أمل|Salma=سلمى|Zainab=زينب|Rasha=رشا|Dima=ديما|Yasmin=ياسمين|Layla=ليلى|Sara=سارة|Heba=هبة|"
    "Nisreen=نسرين|Ghadeer=غدير|Shahd=شهد|Aya=آية|Bushra=بشرى|Reem=ريم|Widad=وداد|Samira=سميرة"
)
SYRIAN_FAMILY = _pairs(
    "Al-Hassan=الحسن|Al-Ahmad=الأحمد|Khalil=خليل|Haddad=حداد|Al-Ali=العلي|Ibrahim=إبراهيم|"
    "Hamdan=حمدان|Darwish=درويش|Othman=عثمان|Al-Khatib=الخطيب|Sabbagh=الصباغ|Al-Masri=المصري|"
    "Kurdi=الكردي|Al-Hamwi=الحموي|Al-Halabi=الحلبي|Shami=الشامي|Nasser=ناصر|Saleh=صالح|Youssef=يوسف|"
    "Mansour=منصور|Al-Omar=العمر|Hussein=حسين|Al-Jasem=الجاسم|Suleiman=سليمان|Najjar=النجار|"
    "Attar=العطار|Qassem=قاسم|Barakat=بركات|Al-Mohammad=المحمد|Hamoud=حمود|Sheikho=شيخو|Bakr=بكر"
)
IRAQI_FAMILY = _pairs(
    "Al-Jubouri=الجبوري|Al-Obaidi=العبيدي|Al-Saadi=السعدي|Al-Tamimi=التميمي|Al-Dulaimi=الدليمي|"
    "Kadhim=كاظم|Jasim=جاسم|Hamid=حميد|Abbas=عباس|Mahdi=مهدي|Al-Rubaie=الربيعي|Salman=سلمان|"
    "Khalaf=خلف|Murad=مراد|Haji=حجي|Al-Zubaidi=الزبيدي|Hussein=حسين|Karim=كريم"
)
AFGHAN_MALE = _pairs(
    "Ahmad=احمد|Mohammad=محمد|Ali=علی|Hamid=حمید|Mustafa=مصطفی|Reza=رضا|Farid=فرید|Jawad=جواد|"
    "Sayed=سید|Naveed=نوید|Habib=حبیب|Rahmatullah=رحمت‌الله|Nasir=ناصر|Javid=جاوید|Bashir=بشیر|"
    "Karim=کریم|Shafiq=شفیق|Omid=امید|Zabihullah=ذبیح‌الله|Ramin=رامین|Wahid=وحید|Mujtaba=مجتبی|"
    "Hamidullah=حمیدالله|Sohrab=سهراب|Ismail=اسماعیل|Yama=یما"
)
AFGHAN_FEMALE = _pairs(
    "Zahra=زهرا|Fatima=فاطمه|Maryam=مریم|Sakina=سکینه|Masuma=معصومه|Zarghona=زرغونه|Parwana=پروانه|"
    "Mursal=مرسل|Shabnam=شبنم|Nilofar=نیلوفر|Freshta=فرشته|Laila=لیلا|Mahbooba=محبوبه|Roya=رویا|"
    "Farzana=فرزانه|Hasina=حسینه|Nargis=نرگس|Sodaba=سودابه"
)
AFGHAN_FAMILY = _pairs(
    "Ahmadi=احمدی|Hosseini=حسینی|Rahimi=رحیمی|Mohammadi=محمدی|Karimi=کریمی|Sultani=سلطانی|"
    "Noori=نوری|Haidari=حیدری|Rezaei=رضایی|Jafari=جعفری|Amiri=امیری|Sadat=سادات|Stanikzai=ستانکزی|"
    "Popal=پوپل|Safi=صافی|Wardak=وردک|Azimi=عظیمی|Habibi=حبیبی|Hakimi=حکیمی|Yousufzai=یوسفزی|"
    "Naseri=ناصری|Qaderi=قادری|Hashimi=هاشمی|Nazari=نظری"
)
IRANIAN_MALE = _pairs(
    "Mohammad=محمد|Ali=علی|Reza=رضا|Hossein=حسین|Mehdi=مهدی|Amir=امیر|Saeed=سعید|Hamid=حمید|"
    "Arash=آرش|Babak=بابک|Kaveh=کاوه|Farhad=فرهاد|Majid=مجید|Behnam=بهنام|Navid=نوید|Omid=امید"
)
IRANIAN_FEMALE = _pairs(
    "Maryam=مریم|Zahra=زهرا|Fatemeh=فاطمه|Sara=سارا|Narges=نرگس|Leila=لیلا|Shirin=شیرین|Mina=مینا|"
    "Parisa=پریسا|Nazanin=نازنین|Elham=الهام|Mahsa=مهسا|Niloufar=نیلوفر|Golnaz=گلناز|Azadeh=آزاده"
)
IRANIAN_FAMILY = _pairs(
    "Rahimi=رحیمی|Mohammadi=محمدی|Hosseini=حسینی|Karimi=کریمی|Rezaei=رضایی|Jafari=جعفری|"
    "Moradi=مرادی|Ghasemi=قاسمی|Sadeghi=صادقی|Bagheri=باقری|Tehrani=تهرانی|Kazemi=کاظمی|Azizi=عزیزی|"
    "Ebrahimi=ابراهیمی|Nouri=نوری|Shirazi=شیرازی|Rostami=رستمی|Ahmadi=احمدی"
)
UKRAINIAN_MALE = _pairs(
    "Oleksandr=Олександр|Andrii=Андрій|Dmytro=Дмитро|Serhii=Сергій|Volodymyr=Володимир|Mykola=Микола|"
    "Ivan=Іван|Yurii=Юрій|Oleh=Олег|Vasyl=Василь|Taras=Тарас|Bohdan=Богдан|Maksym=Максим|Artem=Артем|"
    "Denys=Денис|Roman=Роман|Viktor=Віктор|Ihor=Ігор|Pavlo=Павло|Yevhen=Євген"
)
UKRAINIAN_FEMALE = _pairs(
    "Olena=Олена|Tetiana=Тетяна|Nataliia=Наталія|Iryna=Ірина|Oksana=Оксана|Svitlana=Світлана|"
    "Yuliia=Юлія|Olha=Ольга|Kateryna=Катерина|Anna=Анна|Mariia=Марія|Viktoriia=Вікторія|"
    "Halyna=Галина|Liudmyla=Людмила|Daryna=Дарина|Sofiia=Софія|Alina=Аліна|Valentyna=Валентина|"
    "Larysa=Лариса|Khrystyna=Христина|Nadiia=Надія|Inna=Інна"
)
UKRAINIAN_FAMILY = _pairs(
    "Shevchenko=Шевченко|Kovalenko=Коваленко|Bondarenko=Бондаренко|Tkachenko=Ткаченко|"
    "Kravchenko=Кравченко|Melnyk=Мельник|Boiko=Бойко|Kovalchuk=Ковальчук|Koval=Коваль|"
    "Shevchuk=Шевчук|Polishchuk=Поліщук|Oliinyk=Олійник|Lysenko=Лисенко|Marchenko=Марченко|"
    "Moroz=Мороз|Rudenko=Руденко|Savchenko=Савченко|Petrenko=Петренко|Kravets=Кравець|Tkachuk=Ткачук|"
    "Hnatiuk=Гнатюк|Pavlenko=Павленко|Ponomarenko=Пономаренко|Kuzmenko=Кузьменко|Hrytsenko=Гриценко|"
    "Ivanenko=Іваненко|Sydorenko=Сидоренко|Zinchenko=Зінченко|Levchenko=Левченко|Romaniuk=Романюк"
)
ERITREAN_MALE = _pairs(
    "Yohannes=ዮሃንስ|Tesfaye=ተስፋይ|Mehari=መሓሪ|Filmon=ፊልሞን|Kibrom=ክብሮም|Senai=ሰናይ|Yonas=ዮናስ|"
    "Dawit=ዳዊት|Berhane=ብርሃነ|Habtom=ሃብቶም|Tekle=ተኽለ|Samuel=ሳሙኤል|Amanuel=ኣማኑኤል|"
    "Natnael=ናትናኤል|Mikael=ሚካኤል|Efrem=ኤፍሬም|Goitom=ጎይቶም|Mulugeta=ሙሉጌታ"
)
ERITREAN_FEMALE = _pairs(
    "Senait=ሰናይት|Helen=ሄለን|Selam=ሰላም|Rahel=ራሄል|Luwam=ሉዋም|Yordanos=ዮርዳኖስ|Hiwet=ሕይወት|"
    "Saba=ሳባ|Ruta=ሩታ|Winta=ዊንታ|Feven=ፌቨን|Milen=ሚለን|Lidia=ሊድያ|Elsa=ኤልሳ|Meron=ሜሮን|Tsega=ጸጋ"
)
# Eritrean family names are the father's given name; a few compound ones are added.
ERITREAN_FAMILY = ERITREAN_MALE + _pairs(
    "Gebremedhin=ገብረመድህን|Tesfamariam=ተስፋማርያም|Haile=ሃይለ|Weldemariam=ወልደማርያም|Kidane=ኪዳነ|"
    "Asmerom=ኣስመሮም|Ghebreyesus=ገብረየሱስ|Andemariam=ኣንደማርያም|Berhe=በርሀ|Tewelde=ተወልደ|"
    "Gebrehiwet=ገብረሕይወት|Habte=ሃብተ"
)
# Turkish names: the German file often drops the Turkish letters; the original keeps them.
TURKISH_MALE = _pairs(
    "Mehmet=Mehmet|Mustafa=Mustafa|Ahmet=Ahmet|Ali=Ali|Hüseyin=Hüseyin|Hasan=Hasan|Ibrahim=İbrahim|"
    "Murat=Murat|Emre=Emre|Yusuf=Yusuf|Ömer=Ömer|Ramazan=Ramazan|Serkan=Serkan|Burak=Burak|"
    "Kemal=Kemal|Yasin=Yasin|Mahmut=Mahmut|Fatih=Fatih|Cengiz=Cengiz|Baran=Baran|Sinan=Sinan"
)
TURKISH_FEMALE = _pairs(
    "Ayse=Ayşe|Fatma=Fatma|Emine=Emine|Zeynep=Zeynep|Hatice=Hatice|Elif=Elif|Meryem=Meryem|Esra=Esra|"
    "Merve=Merve|Sultan=Sultan|Leyla=Leyla|Gülsüm=Gülsüm|Hacer=Hacer|Derya=Derya|Rojda=Rojda|"
    "Berfin=Berfin|Dilan=Dilan"
)
TURKISH_FAMILY = _pairs(
    "Yilmaz=Yılmaz|Kaya=Kaya|Demir=Demir|Sahin=Şahin|Celik=Çelik|Yildiz=Yıldız|Aydin=Aydın|"
    "Öztürk=Öztürk|Arslan=Arslan|Dogan=Doğan|Kilic=Kılıç|Aslan=Aslan|Kurt=Kurt|Özdemir=Özdemir|"
    "Polat=Polat|Ates=Ateş|Günes=Güneş|Tekin=Tekin|Aktas=Aktaş|Karatas=Karataş|Ekinci=Ekinci|Tunc=Tunç|"
    "Baran=Baran|Zengin=Zengin"
)
SOMALI_MALE = _pairs(
    "Abdi|Abdullahi|Mohamed|Ahmed|Ali|Hassan|Omar|Yusuf|Abdirahman|Abdikarim|Mahad|Liban|Said|Farah|"
    "Hamza|Ismail|Abdirizak|Mukhtar"
)
SOMALI_FEMALE = _pairs(
    "Fadumo|Hodan|Amina|Ifrah|Khadija|Sahra|Hibo|Asha|Deeqa|Ayaan|Nasra|Sagal|Ubah|Halima|Muna|Hawa"
)
SOMALI_FAMILY = _pairs(
    "Abdi|Ali|Mohamed|Hassan|Farah|Warsame|Jama|Osman|Aden|Hussein|Ahmed|Mohamud|Yusuf|Abdullahi|"
    "Ismail|Nur|Egal|Dahir|Guled|Hirsi"
)
GUINEAN_MALE = _pairs("Mamadou|Alpha|Ibrahima|Ousmane|Abdoulaye|Souleymane|Thierno|Sekou|Boubacar|Lamine")
GUINEAN_FEMALE = _pairs("Fatoumata|Mariama|Aissatou|Kadiatou|Hawa|Aminata|Binta|Oumou")
GUINEAN_FAMILY = _pairs("Diallo|Barry|Bah|Sow|Camara|Conde|Toure|Keita|Sylla|Balde|Soumah")
NIGERIAN_MALE = _pairs("Chinedu|Emeka|Oluwaseun|Tunde|Ifeanyi|Uche|Babatunde|Samuel|Daniel|Kelechi")
NIGERIAN_FEMALE = _pairs("Blessing|Chiamaka|Ngozi|Funmilayo|Adaeze|Joy|Precious|Esther|Favour")
NIGERIAN_FAMILY = _pairs("Okafor|Eze|Okonkwo|Adeyemi|Ogunleye|Nwosu|Obi|Afolabi|Chukwu|Balogun|Okeke")
PAKISTANI_MALE = _pairs(
    "Muhammad=محمد|Imran=عمران|Bilal=بلال|Usman=عثمان|Asif=آصف|Kashif=کاشف|Zeeshan=ذیشان|Faisal=فیصل"
)
PAKISTANI_FEMALE = _pairs("Ayesha=عائشہ|Sana=ثنا|Hina=حنا|Rabia=رابعہ|Saima=صائمہ|Nadia=نادیہ")
PAKISTANI_FAMILY = _pairs(
    "Khan=خان|Ahmed=احمد|Hussain=حسین|Malik=ملک|Butt=بٹ|Chaudhry=چوہدری|Qureshi=قریشی|Sheikh=شیخ"
)


@dataclass(frozen=True)
class Culture:
    """Where a group of people comes from and what their files typically look like."""

    nationality: str
    weight: float
    male: tuple[tuple[str, str], ...]
    female: tuple[tuple[str, str], ...]
    family: tuple[tuple[str, str], ...]
    languages: tuple[tuple[str, float], ...]  # native/preferred language with weight
    work_language: Callable[[str], str]  # native language -> language the job titles are written in
    female_share: float
    statuses: tuple[tuple[str, float], ...]
    placeholder_share: float
    english_share: float
    extra_languages: tuple[tuple[str, float], ...] = ()


def _same(lang: str) -> str:
    return lang


CULTURES: list[Culture] = [
    Culture("SY", 35, ARABIC_MALE, ARABIC_FEMALE, SYRIAN_FAMILY, (("ar", 0.85), ("ku", 0.15)),
            lambda lang: "ar", 0.42,
            (("ae_25", 0.72), ("niederlassung", 0.1), ("gestattung", 0.08), ("ae_22_23", 0.05),
             ("duldung", 0.05)), 0.08, 0.25),
    Culture("UA", 20, UKRAINIAN_MALE, UKRAINIAN_FEMALE, UKRAINIAN_FAMILY, (("uk", 0.7), ("ru", 0.3)),
            _same, 0.68, (("ae_24", 1.0),), 0.0, 0.45, (("ru", 0.6),)),
    Culture("AF", 15, AFGHAN_MALE, AFGHAN_FEMALE, AFGHAN_FAMILY, (("prs", 0.75), ("ps", 0.25)),
            lambda lang: "fa", 0.38,
            (("ae_25", 0.45), ("ae_22_23", 0.2), ("gestattung", 0.2), ("duldung", 0.15)), 0.35, 0.2),
    Culture("IQ", 8, ARABIC_MALE, ARABIC_FEMALE, IRAQI_FAMILY, (("ar", 0.7), ("ku", 0.3)),
            lambda lang: "ar", 0.4,
            (("ae_25", 0.55), ("gestattung", 0.2), ("duldung", 0.2), ("niederlassung", 0.05)), 0.15, 0.25),
    Culture("ER", 5, ERITREAN_MALE, ERITREAN_FEMALE, ERITREAN_FAMILY, (("ti", 1.0),), lambda lang: "ti",
            0.35, (("ae_25", 0.8), ("gestattung", 0.2)), 0.4, 0.3),
    Culture("TR", 6, TURKISH_MALE, TURKISH_FEMALE, TURKISH_FAMILY, (("tr", 0.65), ("ku", 0.35)),
            lambda lang: "tr", 0.35, (("gestattung", 0.55), ("ae_25", 0.3), ("duldung", 0.15)), 0.02, 0.2),
    Culture("IR", 4, IRANIAN_MALE, IRANIAN_FEMALE, IRANIAN_FAMILY, (("fa", 1.0),), lambda lang: "fa",
            0.42, (("gestattung", 0.45), ("ae_25", 0.45), ("duldung", 0.1)), 0.03, 0.5),
    Culture("SO", 3, SOMALI_MALE, SOMALI_FEMALE, SOMALI_FAMILY, (("so", 1.0),), lambda lang: "en", 0.4,
            (("ae_25", 0.6), ("gestattung", 0.3), ("duldung", 0.1)), 0.5, 0.35),
    Culture("GN", 1.5, GUINEAN_MALE, GUINEAN_FEMALE, GUINEAN_FAMILY, (("fr", 1.0),), lambda lang: "de",
            0.25, (("duldung", 0.5), ("gestattung", 0.4), ("ae_25", 0.1)), 0.45, 0.1),
    Culture("NG", 1, NIGERIAN_MALE, NIGERIAN_FEMALE, NIGERIAN_FAMILY, (("en", 1.0),), lambda lang: "en",
            0.45, (("duldung", 0.5), ("gestattung", 0.4), ("ae_25", 0.1)), 0.2, 0.0),
    Culture("PK", 1.5, PAKISTANI_MALE, PAKISTANI_FEMALE, PAKISTANI_FAMILY, (("ur", 1.0),),
            lambda lang: "en", 0.2, (("gestattung", 0.6), ("duldung", 0.4)), 0.1, 0.6),
]


# --- occupations: title | tasks, in the person's language, same order in every language ------

# Gender tendency per occupation (m = mostly men in the caseload, f = mostly women, * = both).
OCCUPATION_GENDER = tuple("mm**mmf***mm***mmmm*m**ffm*mmmm**fmf****")

OCCUPATIONS_DE = """
Tischler | Türen, Fenster und Küchenschränke aus Holz gefertigt und eingebaut
Elektriker | Elektroinstallation in Wohnhäusern, Störungen gesucht und behoben
Schneider/in | Kleidung genäht und geändert, Maß genommen
Koch/Köchin | Speisen im Restaurant zubereitet, Fleisch gegrillt, Vorbereitung in der Küche
Lkw-Fahrer | Waren zwischen Städten transportiert, Lkw be- und entladen
Taxifahrer | Fahrgäste in der Stadt befördert, Auto gepflegt
Krankenschwester | Patientinnen und Patienten im Krankenhaus gepflegt, Medikamente gegeben, Blutdruck gemessen
Grundschullehrer/in | Mathematik und Lesen in den ersten Klassen unterrichtet
Landwirt/in | Weizen und Oliven angebaut, Schafe gehalten, Traktor gefahren
Friseur/in | Haare geschnitten und gefärbt, Bärte rasiert
Kfz-Mechaniker | Motoren repariert, Öl und Bremsen gewechselt
Bauarbeiter | Beton gegossen, Material getragen, auf Baustellen geholfen
Verkäufer/in | Im Bekleidungsgeschäft verkauft, Ware eingeräumt, Kasse geführt
IT-Techniker/in | Computer gewartet, Netzwerke und Software installiert
Buchhalter/in | Bücher geführt, Bilanzen und Lohnabrechnungen erstellt
Maurer | Wände aus Stein und Betonstein gemauert
Maler und Lackierer | Wände und Decken gestrichen, Untergründe vorbereitet
Installateur | Wasserleitungen verlegt, Waschbecken und Bäder montiert
Schweißer | Stahl geschweißt, Metalltüren gebaut
Bäcker/in | Fladenbrot und Gebäck im Ofen gebacken
Fleischer | Fleisch zerlegt, geschnitten und verkauft
Apotheker/in | Medikamente ausgegeben und Kundschaft beraten
Arzt/Ärztin | Patienten in der Praxis untersucht und behandelt
Hebamme | Schwangere betreut und bei Geburten geholfen
Reinigungskraft | Büros und Schulen gereinigt
Lagerarbeiter | Ware eingelagert, Lkw be- und entladen, Gabelstapler gefahren
Kellner/in | Gäste im Café und Restaurant bedient
Sicherheitsmann | Gebäude bewacht, Kameras überwacht
Schuhmacher | Lederschuhe hergestellt und repariert
Fliesenleger | Böden und Bäder gefliest
Schmied / Metallbauer | Eisen bearbeitet, Geländer und Gitter gebaut
Bauingenieur/in | Bauprojekte überwacht, Mengen berechnet
Rechtsanwalt/Rechtsanwältin | Mandanten vor Gericht vertreten, Verträge geschrieben
Erzieherin | Kinder im Kindergarten betreut, Spiele und Lieder angeleitet
Schäfer | Schafe und Ziegen gehütet und versorgt
Näherin | An der Nähmaschine in einer Textilfabrik gearbeitet
Handyreparatur | Handys repariert, Displays und Akkus getauscht
Bürokraft / Sekretär/in | Akten abgelegt, Telefon angenommen, Briefe geschrieben
Goldschmied/in | Goldschmuck hergestellt und repariert
Gärtner/in | Gärten gepflegt, Bäume geschnitten, bewässert
"""

OCCUPATIONS_EN = """
Carpenter | Made and fitted doors, windows and kitchen cabinets
Electrician | Wiring in houses, found and repaired electrical faults
Tailor | Sewed and altered clothes, took measurements
Cook | Prepared meals in a restaurant, grilled meat, kitchen preparation
Truck driver | Transported goods between cities, loaded and unloaded the truck
Taxi driver | Drove passengers around the city, maintained the car
Nurse | Cared for patients in hospital, gave medication, measured blood pressure
Primary school teacher | Taught maths and reading to the first grades
Farmer | Grew wheat and vegetables, kept goats, drove a tractor
Hairdresser | Cut and coloured hair, shaved beards
Car mechanic | Repaired engines, changed oil and brakes
Construction worker | Poured concrete, carried materials on building sites
Shop assistant | Sold clothes, stocked shelves, worked at the till
IT technician | Maintained computers, installed networks and software
Accountant | Kept the books, prepared balance sheets and payroll
Bricklayer | Built walls from stone and concrete blocks
Painter and decorator | Painted walls and ceilings, prepared surfaces
Plumber | Laid water pipes, installed sinks and bathrooms
Welder | Welded steel, built metal doors
Baker | Baked bread and pastries in a bakery
Butcher | Cut and sold meat
Pharmacist | Dispensed medicines and advised customers
Doctor | Examined and treated patients in a clinic
Midwife | Cared for pregnant women and helped at births
Cleaner | Cleaned offices and schools
Warehouse worker | Stored goods, loaded trucks, drove a forklift
Waiter | Served guests in a café and restaurant
Security guard | Guarded a building, watched the cameras
Shoemaker | Made and repaired leather shoes
Tiler | Laid tiles on floors and in bathrooms
Blacksmith | Worked iron, made railings and gates
Civil engineer | Supervised building projects, calculated quantities
Lawyer | Represented clients in court, drafted contracts
Nursery teacher | Looked after children in a kindergarten, led games and songs
Shepherd | Herded and looked after sheep and goats
Sewing machine operator | Sewed garments on a machine in a textile factory
Mobile phone repairer | Repaired phones, replaced screens and batteries
Office clerk | Filed documents, answered the phone, wrote letters
Goldsmith | Made and repaired gold jewellery
Gardener | Looked after gardens, pruned trees, watered plants
"""

OCCUPATIONS_AR = """
نجار | صناعة الأبواب والنوافذ وخزائن المطبخ من الخشب وتركيبها
كهربائي | تمديد الكهرباء في البيوت وتركيب اللوحات وإصلاح الأعطال
خياط | خياطة الملابس وتعديل المقاسات
طباخ | تحضير الوجبات في مطعم شعبي وشوي اللحوم
سائق شاحنة | نقل البضائع بين المدن وتحميل الشاحنة وتفريغها
سائق تكسي | نقل الركاب داخل المدينة والعناية بالسيارة
ممرضة | رعاية المرضى في المستشفى وإعطاء الأدوية وقياس الضغط
معلم مدرسة ابتدائية | تدريس الرياضيات واللغة العربية للصفوف الأولى
مزارع | زراعة القمح والزيتون وتربية الأغنام والعمل على الجرار
حلاق | قص الشعر وحلاقة الذقن في صالون
ميكانيكي سيارات | إصلاح المحركات وتغيير الزيت والفرامل
عامل بناء | صب الباطون وحمل المواد في ورشات البناء
بائع | البيع في محل ألبسة وترتيب البضاعة والعمل على الصندوق
فني كمبيوتر | صيانة الحواسيب وتركيب الشبكات والبرامج
محاسب | مسك الدفاتر وإعداد الميزانيات والرواتب
بنّاء | بناء الجدران بالحجر والبلوك
دهان | دهان الجدران والأسقف وتحضير السطوح
مواسرجي | تمديد أنابيب المياه وتركيب المغاسل والحمامات
عامل لحام | لحام الحديد وصناعة الأبواب المعدنية
خباز | صناعة الخبز العربي والمعجنات في الفرن
جزار | تقطيع اللحوم وبيعها في الملحمة
صيدلي | صرف الأدوية وتقديم النصائح للزبائن
طبيب | فحص المرضى وعلاجهم في عيادة
قابلة | متابعة الحوامل والمساعدة في الولادة
عاملة تنظيف | تنظيف المكاتب والمدارس
عامل مستودع | ترتيب البضائع والتحميل والتفريغ وقيادة الرافعة
نادل | خدمة الزبائن في مقهى ومطعم
حارس أمن | حراسة مبنى ومراقبة الكاميرات
إسكافي | صناعة الأحذية الجلدية وإصلاحها
مبلط | تبليط الأرضيات وتركيب السيراميك في الحمامات
حداد | تشكيل الحديد وصناعة الدرابزين والشبابيك
مهندس مدني | الإشراف على مشاريع البناء وحساب الكميات
محامي | الدفاع عن الموكلين في المحاكم وكتابة العقود
مربية أطفال | رعاية الأطفال في الروضة وتنظيم الألعاب والأغاني
راعي أغنام | رعي الأغنام والماعز والعناية بها
عاملة خياطة في معمل | العمل على ماكينة الخياطة في معمل ألبسة
مصلح موبايلات | إصلاح الهواتف المحمولة وتبديل الشاشات والبطاريات
موظف إداري | أرشفة الملفات والرد على الهاتف وكتابة الرسائل
صائغ | صناعة المجوهرات الذهبية وإصلاحها
بستاني | العناية بالحدائق وتقليم الأشجار والري
"""

OCCUPATIONS_FA = """
نجار | ساختن دروازه، کلکین و الماری آشپزخانه از چوب
برقکار | سیم‌کشی خانه‌ها و ترمیم خرابی‌های برق
خیاط | دوختن و اصلاح لباس، اندازه گرفتن
آشپز | پختن غذا در رستوران و آماده کردن کباب
راننده لاری | انتقال بار بین شهرها، بارگیری و تخلیه
راننده تکسی | بردن مسافران در شهر و نگهداری موتر
نرس | مراقبت از مریضان در شفاخانه، دادن دوا و گرفتن فشار خون
معلم مکتب | تدریس ریاضی و دری برای صنف‌های ابتدایی
دهقان | کشت گندم و نگهداری باغ انگور، چراندن گوسفند
سلمانی | اصلاح مو و ریش در سلمانی
مستری موتر | ترمیم انجن موتر، تبدیل روغن و بریک
کارگر ساختمانی | ریختن کانکریت و حمل مواد در ساختمان
فروشنده | فروش اجناس در دکان، چیدن اجناس و حساب پول
تکنیشن کمپیوتر | ترمیم کمپیوتر و نصب شبکه و برنامه‌ها
حسابدار | ثبت حساب‌ها، بیلانس و تهیه معاشات
گلکار | ساختن دیوار با خشت و سنگ
رنگمال | رنگ کردن دیوارها و سقف
نلدوان | نصب نل آب، دستشویی و تشناب
جوشکار | جوشکاری آهن و ساختن دروازه آهنی
نانوا | پختن نان در تنور
قصاب | بریدن و فروش گوشت
دواساز | دادن دوا و مشوره به مریضان در دواخانه
داکتر | معاینه و تداوی مریضان در کلینیک
قابله | مراقبت از زنان حامله و کمک در زایمان
کارگر پاک‌کاری | پاک‌کاری دفترها و مکتب‌ها
کارگر گدام | ترتیب اجناس، بارگیری و تخلیه، راندن فورک‌لفت
پیشخدمت | خدمت به مهمانان در رستوران و چایخانه
نگهبان | نگهبانی از ساختمان و دیدن کمره‌ها
کفاش | ساختن و ترمیم بوت چرمی
کاشی‌کار | کاشی‌کاری فرش و تشناب
آهنگر | ساختن کلکین و دروازه آهنی
انجنیر ساختمان | نظارت بر پروژه‌های ساختمانی و محاسبه مقدار مواد
وکیل | دفاع از موکلین در محکمه و نوشتن قرارداد
مربی کودکستان | مراقبت از کودکان در کودکستان و بازی با آن‌ها
چوپان | چراندن و نگهداری گوسفند و بز
خیاط در فابریکه | کار با ماشین خیاطی در فابریکه لباس
ترمیم‌کار موبایل | ترمیم موبایل، تبدیل صفحه و بتری
کارمند دفتر | بایگانی اسناد، جواب دادن تیلفون و نوشتن نامه
زرگر | ساختن و ترمیم زیورات طلا
باغبان | نگهداری باغ، آبیاری و قطع شاخه‌های درختان
"""

OCCUPATIONS_UK = """
Столяр | виготовлення та монтаж дверей, вікон і кухонних меблів з дерева
Електрик | електромонтаж у житлових будинках, пошук і ремонт несправностей
Кравець | пошиття та ремонт одягу, зняття мірок
Кухар | приготування страв у ресторані, заготовка продуктів
Водій вантажівки | перевезення вантажів між містами, категорія C, завантаження
Водій таксі | перевезення пасажирів містом, догляд за автомобілем
Медсестра | догляд за пацієнтами в лікарні, уколи, крапельниці, вимірювання тиску
Вчитель початкових класів | навчання дітей читання, письма та математики
Фермер | вирощування пшениці та соняшнику, робота на тракторі
Перукар | стрижки, фарбування волосся, гоління
Автомеханік | ремонт двигунів і ходової частини, заміна мастила та гальм
Будівельник | бетонні роботи, монтаж опалубки, підсобні роботи на будові
Продавець-консультант | продаж одягу, викладка товару, робота з касою
Системний адміністратор | обслуговування комп'ютерів і мережі в офісі, встановлення програм
Бухгалтер | ведення обліку, податкова звітність, нарахування зарплати в 1С
Муляр | кладка цегли та блоків
Маляр-штукатур | штукатурення та фарбування стін і стель
Сантехнік | монтаж труб, встановлення умивальників, котлів і змішувачів
Зварювальник | електрозварювання металоконструкцій, виготовлення воріт
Пекар | випікання хліба та булочок на хлібозаводі
М'ясник | оброблення, розбирання та продаж м'яса
Фармацевт | відпуск ліків в аптеці, консультування клієнтів
Лікар-терапевт | прийом і лікування пацієнтів у поліклініці
Акушерка | супровід вагітних і допомога при пологах
Прибиральниця | прибирання офісів і шкіл
Комірник | приймання та видача товарів, робота з навантажувачем
Офіціант | обслуговування гостей у кафе та ресторані
Охоронець | охорона торгового центру, відеоспостереження
Швець | пошиття та ремонт шкіряного взуття
Плиточник | укладання плитки на підлогу та у ванних кімнатах
Слюсар | обробка металу, виготовлення поручнів і ґрат
Інженер-будівельник | технагляд на будівництві, розрахунок обсягів робіт
Юрист | представництво клієнтів у суді, складання договорів
Вихователька дитячого садка | догляд за дітьми, заняття, ігри та пісні
Тваринник | догляд за вівцями та козами, випас худоби
Швачка | робота на швейній машині на швейній фабриці
Майстер з ремонту телефонів | ремонт телефонів, заміна екранів і акумуляторів
Офіс-менеджер | документообіг, прийом дзвінків, ділове листування
Ювелір | виготовлення та ремонт золотих прикрас
Садівник | догляд за садом і газонами, обрізання дерев, полив
"""

OCCUPATIONS_RU = """
Столяр | изготовление и установка дверей, окон и кухонной мебели из дерева
Электрик | электромонтаж в жилых домах, поиск и ремонт неисправностей
Портной | пошив и ремонт одежды, снятие мерок
Повар | приготовление блюд в ресторане, заготовка продуктов
Водитель грузовика | перевозка грузов между городами, категория C, погрузка
Водитель такси | перевозка пассажиров по городу, уход за автомобилем
Медсестра | уход за пациентами в больнице, уколы, капельницы, измерение давления
Учитель начальных классов | обучение детей чтению, письму и математике
Фермер | выращивание пшеницы и подсолнечника, работа на тракторе
Парикмахер | стрижки, окрашивание волос, бритьё
Автомеханик | ремонт двигателей и ходовой части, замена масла и тормозов
Строитель | бетонные работы, монтаж опалубки, подсобные работы на стройке
Продавец-консультант | продажа одежды, выкладка товара, работа на кассе
Системный администратор | обслуживание компьютеров и сети в офисе, установка программ
Бухгалтер | ведение учёта, налоговая отчётность, расчёт зарплаты в 1С
Каменщик | кладка кирпича и блоков
Маляр-штукатур | штукатурка и покраска стен и потолков
Сантехник | монтаж труб, установка раковин, котлов и смесителей
Сварщик | электросварка металлоконструкций, изготовление ворот
Пекарь | выпечка хлеба и булочек на хлебозаводе
Мясник | разделка, обвалка и продажа мяса
Фармацевт | отпуск лекарств в аптеке, консультации покупателей
Врач-терапевт | приём и лечение пациентов в поликлинике
Акушерка | ведение беременности и помощь при родах
Уборщица | уборка офисов и школ
Кладовщик | приёмка и выдача товара, работа на погрузчике
Официант | обслуживание гостей в кафе и ресторане
Охранник | охрана торгового центра, видеонаблюдение
Сапожник | пошив и ремонт кожаной обуви
Плиточник | укладка плитки на пол и в ванных комнатах
Слесарь | обработка металла, изготовление перил и решёток
Инженер-строитель | технадзор на стройке, расчёт объёмов работ
Юрист | представительство клиентов в суде, составление договоров
Воспитательница детского сада | уход за детьми, занятия, игры и песни
Животновод | уход за овцами и козами, выпас скота
Швея | работа на швейной машине на швейной фабрике
Мастер по ремонту телефонов | ремонт телефонов, замена экранов и аккумуляторов
Офис-менеджер | документооборот, приём звонков, деловая переписка
Ювелир | изготовление и ремонт золотых украшений
Садовник | уход за садом и газонами, обрезка деревьев, полив
"""

OCCUPATIONS_TR = """
Marangoz | ahşaptan kapı, pencere ve mutfak dolabı yapımı ve montajı
Elektrikçi | konutlarda elektrik tesisatı, arıza bulma ve onarım
Terzi | elbise dikimi ve tadilat, ölçü alma
Aşçı | lokantada yemek hazırlama, kebap ve çorba
Tır şoförü | şehirler arası yük taşıma, yükleme ve boşaltma
Taksi şoförü | şehir içinde yolcu taşıma, araç bakımı
Hemşire | hastanede hasta bakımı, ilaç ve serum verme, tansiyon ölçme
İlkokul öğretmeni | birinci sınıflara okuma yazma ve matematik öğretme
Çiftçi | buğday ve pamuk ekimi, hayvancılık, traktör kullanma
Berber | saç kesimi ve sakal tıraşı
Oto tamircisi | motor tamiri, yağ ve fren değişimi
İnşaat işçisi | beton dökme, şantiyede malzeme taşıma
Satış elemanı | mağazada giyim satışı, reyon düzeni, kasa
Bilgisayar teknisyeni | bilgisayar bakımı, ağ ve program kurulumu
Muhasebeci | defter tutma, bilanço ve bordro hazırlama
Duvarcı | tuğla ve briket duvar örme
Boyacı | iç cephe boyama, alçı ve zemin hazırlığı
Tesisatçı | su borusu döşeme, lavabo ve banyo montajı
Kaynakçı | demir kaynağı, metal kapı yapımı
Fırıncı | fırında ekmek ve simit pişirme
Kasap | et doğrama ve satış
Eczacı | ilaç verme ve müşterilere danışmanlık
Doktor | poliklinikte hasta muayenesi ve tedavi
Ebe | hamile takibi ve doğuma yardım
Temizlik görevlisi | ofis ve okul temizliği
Depo işçisi | mal kabul, yükleme, boşaltma, forklift kullanma
Garson | kafe ve restoranda müşterilere servis
Güvenlik görevlisi | bina güvenliği ve kamera takibi
Ayakkabıcı | deri ayakkabı yapımı ve tamiri
Fayansçı | zemin ve banyoya fayans döşeme
Demirci | demir işleme, korkuluk ve kapı yapımı
İnşaat mühendisi | şantiye denetimi ve metraj hesabı
Avukat | mahkemede müvekkil savunma, sözleşme hazırlama
Çocuk bakıcısı | kreşte çocuk bakımı, oyun ve şarkı etkinlikleri
Çoban | koyun ve keçi gütme ve bakımı
Dikiş makinesi operatörü | tekstil fabrikasında makinede dikiş
Telefon tamircisi | cep telefonu tamiri, ekran ve batarya değişimi
Sekreter | dosyalama, telefonlara bakma, yazışma
Kuyumcu | altın takı yapımı ve tamiri
Bahçıvan | bahçe bakımı, ağaç budama ve sulama
"""

OCCUPATIONS_TI = """
ናጃር | ማዕጾን መሳኹትን ኣርማድዮን ካብ ዕንጨይቲ ምስራሕን ምትካልን
ኤሌክትሪሻን | ኣብ ገዛውቲ ኤሌክትሪክ ምዝርጋሕን ብልሽውና ምጽጋንን
ሰፋይ ክዳውንቲ | ክዳውንቲ ምስፋይን ምጽጋንን
ኣብሳሊ | ኣብ ቤት ብልዒ መግቢ ምድላውን ስጋ ምጥባስን
መራሒ ማኪና ጽዕነት | ንብረት ካብ ከተማ ናብ ከተማ ምጉዓዝ፡ ምጽዓንን ምርጋፍን
መራሒ ታክሲ | ተሳፈርቲ ኣብ ከተማ ምጉዓዝን ማኪና ምሕላውን
ነርስ | ኣብ ሆስፒታል ንሕሙማት ምክንኻን፡ መድሃኒት ምሃብ
መምህር | ኣብ መባእታ ቤት ትምህርቲ ሒሳብን ትግርኛን ምምሃር
ሓረስታይ | ስርናይን ጣፍን ምዝራእ፡ ከብቲ ምሕላው
ቀራጺ ጸጉሪ | ጸጉሪ ምቑራጽን ጭሕሚ ምልጻይን
መካኒክ ማኪና | ሞተር ማኪና ምጽጋን፡ ዘይትን ፍረኖን ምቕያር
ሰራሕተኛ ህንጻ | ኣብ ህንጻ ምስራሕ፡ ሲሚንቶ ምድባልን ኣቑሑ ምጽዓንን
ሸያጢ | ኣብ ድኳን ክዳውንቲ ምሻጥን ንዓማዊል ምግልጋልን
ቴክኒሻን ኮምፒተር | ኮምፒተራት ምጽጋንን ኔትዎርክ ምትካልን
ተሓዝ ሒሳብ | ሒሳብ ምሓዝን ደሞዝ ምድላውን
ሃናጺ | መንደቕ ብእምንን ብሎኬትን ምህናጽ
ቀባኣይ | መናድቕን ናሕሲን ምቕባእ
ፕላምበር | ቱቦታት ማይ ምዝርጋሕን ሽቓቕ ምትካልን
በያዳይ | ሓጺን ምብያድን ማዕጾታት ሓጺን ምስራሕን
ሰራሕተኛ ፎርኖ | ባኒ ምስንካትን ምጥባስን
ሓራዲ | ስጋ ምሕራድ፡ ምቑራጽን ምሻጥን
ፋርማሲስት | መድሃኒት ምሃብን ንሕሙማት ምምኻርን
ሓኪም | ሕሙማት ኣብ ክሊኒክ ምምርማርን ምሕካምን
መሕረሲት | ነፍሰ-ጾራት ምክትታልን ኣብ ሕርሲ ምሕጋዝን
ሰራሕተኛ ጽሬት | ቤት ጽሕፈትን ቤት ትምህርትን ምጽራይ
ሰራሕተኛ መኽዘን | ኣቑሑ ምስራዕ፡ ምጽዓንን ምርጋፍን
ኣሳላፊ | ኣብ ባርን ቤት ብልዕን ንዓማዊል ምግልጋል
ሓላዊ | ህንጻ ምሕላውን ካሜራታት ምክትታልን
ሰፋይ ጫማ | ጫማ ቆርበት ምስራሕን ምጽጋንን
ሰራሕተኛ ፒያስትረላ | ፒያስትረላ ኣብ ባይታን ሽቓቕን ምንጻፍ
ኣንጠረኛ | ሓጺን ምስራሕ፡ ካንቸሎን መሳኹትን ምስራሕ
ኢንጅነር ህንጻ | ፕሮጀክት ህንጻ ምክትታልን ብዝሒ ኣቑሑ ምቑጻርን
ጠበቓ | ኣብ ቤት ፍርዲ ንዓማዊል ምጥባቕን ውዕላት ምጽሓፍን
መዕበይቲ ቆልዑ | ኣብ መዋእለ ህጻናት ቆልዑ ምክንኻንን ምጽዋትን
ጓሳ | ኣባጊዕን ኣጣልን ምጓሳይን ምክንኻንን
ሰፋይት ኣብ ፋብሪካ | ብማኪና ስፌት ኣብ ፋብሪካ ክዳውንቲ ምስራሕ
ጸጋኒ ሞባይል | ሞባይል ምጽጋን፡ ስክሪንን ባተሪን ምቕያር
ጸሓፊት | ፋይላት ምውዳብ፡ ተሌፎን ምምላስን ደብዳበ ምጽሓፍን
ሰራሕተኛ ወርቂ | ናይ ወርቂ ስልማት ምስራሕን ምጽጋንን
ሓላዊ ጀርዲን | ጀርዲን ምሕላው፡ ምስቃይን ኦም ምቑራጽን
"""


def _occupations(text: str) -> list[tuple[str, str]]:
    rows = []
    for line in text.strip().splitlines():
        title, _, tasks = line.partition("|")
        rows.append((title.strip(), tasks.strip()))
    return rows


OCCUPATIONS: dict[str, list[tuple[str, str]]] = {
    "de": _occupations(OCCUPATIONS_DE),
    "en": _occupations(OCCUPATIONS_EN),
    "ar": _occupations(OCCUPATIONS_AR),
    "fa": _occupations(OCCUPATIONS_FA),
    "uk": _occupations(OCCUPATIONS_UK),
    "ru": _occupations(OCCUPATIONS_RU),
    "tr": _occupations(OCCUPATIONS_TR),
    "ti": _occupations(OCCUPATIONS_TI),
}
assert all(len(rows) == len(OCCUPATION_GENDER) for rows in OCCUPATIONS.values()), "occupation lists differ"


# --- education: ISCED level, field (German), years, degree name per language ---------------------


@dataclass(frozen=True)
class EducationProfile:
    isced: int
    field: str
    years: int
    degree: dict[str, str]
    recognition_body: str = ""


EDUCATION = [
    EducationProfile(1, "Grundschule", 6, {
        "ar": "شهادة المرحلة الابتدائية", "fa": "سند صنف ششم", "uk": "Свідоцтво про початкову освіту",
        "ru": "Свидетельство о начальном образовании", "tr": "İlkokul diploması", "ti": "ሰርቲፊኬት 5ይ ክፍሊ",
        "en": "Primary school certificate"}),
    EducationProfile(2, "Allgemeinbildung", 9, {
        "ar": "شهادة التعليم الأساسي", "fa": "سند صنف نهم", "uk": "Свідоцтво про базову середню освіту",
        "ru": "Аттестат об основном общем образовании", "tr": "Ortaokul diploması",
        "ti": "ሰርቲፊኬት 8ይ ክፍሊ", "en": "Basic education certificate (grade 9)"}),
    EducationProfile(3, "Allgemeinbildung", 12, {
        "ar": "الشهادة الثانوية – الفرع العلمي", "fa": "دیپلم صنف دوازدهم",
        "uk": "Атестат про повну загальну середню освіту", "ru": "Аттестат о среднем общем образовании",
        "tr": "Lise diploması", "ti": "ሰርቲፊኬት 12ይ ክፍሊ (ማትሪክ)", "en": "Secondary school leaving certificate"},
        "ZAB – Zeugnisbewertung"),
    EducationProfile(3, "Elektrotechnik", 3, {
        "ar": "الشهادة الثانوية الصناعية – كهرباء", "fa": "دیپلم فنی برق",
        "uk": "Диплом кваліфікованого робітника (електромонтер)",
        "ru": "Диплом квалифицированного рабочего (электромонтёр)",
        "tr": "Meslek lisesi diploması (elektrik)", "ti": "ዲፕሎማ ኤሌክትሪክ", "en": "Vocational diploma (electrical)"},
        "IHK FOSA"),
    EducationProfile(4, "Krankenpflege", 3, {
        "ar": "دبلوم تمريض", "fa": "دیپلم نرسنگ", "uk": "Диплом молодшого спеціаліста (сестринська справа)",
        "ru": "Диплом медицинского колледжа (сестринское дело)", "tr": "Sağlık meslek lisesi (hemşirelik)",
        "ti": "ዲፕሎማ ነርሲንግ", "en": "Diploma in nursing"},
        "Landesamt für Soziales, Jugend und Versorgung Rheinland-Pfalz"),
    EducationProfile(5, "Betriebswirtschaft / Rechnungswesen", 2, {
        "ar": "دبلوم معهد متوسط تجاري", "fa": "فوق دیپلم حسابداری", "uk": "Диплом молодшого бакалавра (облік)",
        "ru": "Диплом техникума (бухгалтерский учёт)", "tr": "Önlisans diploması (muhasebe)",
        "ti": "ዲፕሎማ ኣካውንቲንግ", "en": "Diploma in accounting"}, "ZAB – Zeugnisbewertung"),
    EducationProfile(6, "Bauingenieurwesen", 5, {
        "ar": "إجازة في الهندسة المدنية", "fa": "لیسانس انجنیری ساختمان",
        "uk": "Диплом бакалавра (будівництво та цивільна інженерія)", "ru": "Диплом бакалавра (строительство)",
        "tr": "İnşaat mühendisliği lisans diploması", "ti": "ዲግሪ ሲቪል ኢንጅነሪንግ",
        "en": "Bachelor of civil engineering"}, "Ingenieurkammer Rheinland-Pfalz"),
    EducationProfile(6, "Rechtswissenschaften", 4, {
        "ar": "إجازة في الحقوق", "fa": "لیسانس حقوق", "uk": "Диплом бакалавра (право)",
        "ru": "Диплом бакалавра (юриспруденция)", "tr": "Hukuk fakültesi lisans diploması",
        "ti": "ዲግሪ ሕጊ", "en": "Bachelor of laws"}, "ZAB – Zeugnisbewertung"),
    EducationProfile(6, "Lehramt Grundschule", 4, {
        "ar": "إجازة في معلم الصف", "fa": "لیسانس تعلیم و تربیه", "uk": "Диплом бакалавра (початкова освіта)",
        "ru": "Диплом бакалавра (педагогика начального образования)", "tr": "Sınıf öğretmenliği lisans diploması",
        "ti": "ዲግሪ ትምህርቲ", "en": "Bachelor of education"},
        "Aufsichts- und Dienstleistungsdirektion Trier"),
    EducationProfile(6, "Informatik", 4, {
        "ar": "إجازة في هندسة المعلوماتية", "fa": "لیسانس کمپیوتر ساینس", "uk": "Диплом бакалавра (комп'ютерні науки)",
        "ru": "Диплом бакалавра (информатика)", "tr": "Bilgisayar mühendisliği lisans diploması",
        "ti": "ዲግሪ ኮምፒተር ሳይንስ", "en": "Bachelor of computer science"}, "ZAB – Zeugnisbewertung"),
    EducationProfile(7, "Pharmazie", 5, {
        "ar": "بكالوريوس في الصيدلة", "fa": "دکترای داروسازی", "uk": "Диплом магістра (фармація)",
        "ru": "Диплом специалиста (фармация)", "tr": "Eczacılık fakültesi diploması",
        "ti": "ዲግሪ ፋርማሲ", "en": "Degree in pharmacy"},
        "Landesamt für Soziales, Jugend und Versorgung Rheinland-Pfalz"),
    EducationProfile(7, "Humanmedizin", 6, {
        "ar": "إجازة في الطب البشري", "fa": "دکتورای طب", "uk": "Диплом магістра (медицина)",
        "ru": "Диплом врача (лечебное дело)", "tr": "Tıp fakültesi diploması", "ti": "ዲግሪ ሕክምና",
        "en": "Doctor of medicine (MD)"},
        "Landesamt für Soziales, Jugend und Versorgung Rheinland-Pfalz"),
]


CONTACT_NOTES = [
    "Erstgespräch geführt, Lebenslauf und Zeugnisse gesichtet.",
    "Einladung zum Integrationskurs ausgehändigt, Kursbeginn besprochen.",
    "Anerkennung des Berufsabschlusses besprochen, Unterlagen für die Anerkennungsstelle angefordert.",
    "Kompetenzfeststellung vereinbart; Termin bei der Berufsbildenden Schule vorgeschlagen.",
    "Bewerbungsunterlagen gemeinsam überarbeitet, zwei Stellenangebote mitgegeben.",
    "Rückmeldung zum Praktikum: positiv, Betrieb prüft Übernahme.",
    "Kinderbetreuung noch nicht geklärt; Kontakt zur Kita-Platz-Vermittlung hergestellt.",
    "Termin nicht wahrgenommen, neue Einladung verschickt.",
    "Kooperationsplan fortgeschrieben, nächste Schritte vereinbart.",
    "Berufssprachkurs B2 beantragt.",
    "Führerschein: Umschreibung der ausländischen Fahrerlaubnis besprochen.",
    "Aufenthaltstitel läuft bald ab; Termin bei der Ausländerbehörde empfohlen.",
    "Telefonisch nach dem Stand des Sprachkurses gefragt, Prüfung im nächsten Monat.",
    "Bildungsgutschein für Weiterbildung im Lager (Staplerschein) besprochen.",
    "Gespräch mit Sprachmittlung, Wunsch nach Teilzeitarbeit wegen Kinderbetreuung.",
    "Arbeitsaufnahme gemeldet, Nachbetreuung in sechs Wochen vereinbart.",
    "Unterlagen für Mobilitätshilfe (Deutschlandticket) ausgegeben.",
    "Vorstellungsgespräch vorbereitet, Fahrtweg mit ÖPNV geklärt.",
]

HEALTH_RESTRICTIONS = [
    "Rückenbeschwerden, kein Heben über 10 kg.",
    "Diabetes Typ 2, regelmäßige Pausen nötig.",
    "Posttraumatische Belastungsstörung, in Behandlung; keine Nachtschichten.",
    "Knieverletzung, keine überwiegend stehende Tätigkeit.",
    "Asthma, keine Arbeit mit Staub oder Lösungsmitteln.",
    "Eingeschränktes Hörvermögen auf einem Ohr.",
    "Bluthochdruck, medikamentös eingestellt.",
    "Allergie gegen Latex.",
]

# Numbers the Bundesnetzagentur keeps free for film and media: they reach nobody.
PHONE_RANGES = ["030 23125", "069 90009", "040 66969", "089 99998", "0221 4710"]


# --- the generated person --------------------------------------------------------------------


@dataclass
class PersonSpec:
    index: int
    customer_number: str
    culture: str
    given: str
    family: str
    given_original: str
    family_original: str
    gender: str
    birth_date: dt.date | None
    birth_precision: str
    municipality: str
    team: str
    caseworker_slot: int
    preferred_language: str
    phone: str
    residence_status: str
    residence_valid_until: dt.date | None
    work_permission: str
    childcare_needed: bool
    driving_licence: str
    own_car: bool
    uses_public_transport: bool
    working_time: str
    health_restrictions: str
    phase: str
    exit_reason: str
    exit_date: dt.date | None
    languages: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    certificates: list[tuple[str, str, dt.date]] = field(default_factory=list)
    education: list[tuple[str, int, str, int, str, str, str]] = field(default_factory=list)
    work: list[tuple[str, str, str, Decimal, str]] = field(default_factory=list)
    contacts: list[tuple[dt.date, str, str]] = field(default_factory=list)


CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]


def _weighted(rng: random.Random, options: Sequence[tuple[Any, float]]) -> Any:
    values = [value for value, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(values, weights=weights, k=1)[0]


def _level_around(rng: random.Random, level: str, spread: int = 1) -> str:
    """A per-skill level near `level`: reading and writing often lag behind listening."""
    index = CEFR.index(level) + rng.randint(-spread, spread)
    return CEFR[max(0, min(len(CEFR) - 1, index))]


def customer_number(seed: int, index: int, prefix: str = CUSTOMER_PREFIX) -> str:
    """Unique per (seed, index) for index < 900,000: 7919 is coprime to 900,000."""
    return f"{prefix}{100000 + (index * 7919 + seed * 104729) % 900000:06d}"


def _cultures_by_weight() -> list[tuple[Culture, float]]:
    return [(c, c.weight) for c in CULTURES]


# Spelling variants a second office might have used: for planted near-duplicates.
VARIANTS = {
    "Mohammed": "Muhammad", "Mohammad": "Mohamad", "Ahmad": "Ahmed", "Hussein": "Husain",
    "Youssef": "Yusuf", "Khaled": "Khalid", "Omar": "Umar", "Abdulrahman": "Abd al-Rahman",
    "Abdullah": "Abdallah", "Al-Hassan": "El Hasan", "Al-Ahmad": "Al Ahmed", "Oleksandr": "Alexander",
    "Serhii": "Sergej", "Yuliia": "Julia", "Olha": "Olga", "Shevchenko": "Schewtschenko",
    "Kovalenko": "Kowalenko", "Yohannes": "Johannes", "Fatima": "Fatma", "Hosseini": "Husseini",
    "Rezaei": "Rezai", "Mahmoud": "Mahmud", "Tesfaye": "Tesfay",
}


def _person(seed: int, index: int, today: dt.date) -> PersonSpec:
    rng = random.Random(f"wegweiser-demo:{seed}:{index}")  # noqa: S311 - demo data, not secrets
    culture: Culture = _weighted(rng, _cultures_by_weight())
    female = rng.random() < culture.female_share
    roll = rng.random()
    gender = "diverse" if roll < 0.003 else ("unspecified" if roll < 0.02 else ("female" if female else "male"))
    given, given_original = rng.choice(culture.female if female else culture.male)
    family, family_original = rng.choice(culture.family)
    if rng.random() < 0.12 and culture.nationality in {"SY", "IQ", "AF", "SO"}:
        # A second given name, as many passports carry it.
        second, second_original = rng.choice(culture.male if not female else culture.female)
        if second != given:
            given, given_original = f"{given} {second}", _join(given_original, second_original)
    if given_original == given:
        given_original = ""
    if family_original == family:
        family_original = ""

    # Working-age adults; the year distribution leans young as a refugee caseload does.
    age = min(63, max(18, int(rng.triangular(18, 63, 27))))
    year = 2025 - age
    precision = "exact"
    if rng.random() < culture.placeholder_share:
        precision = "placeholder"
    elif rng.random() < 0.05:
        precision = _weighted(rng, [("year", 0.6), ("month", 0.4)])
    if precision in {"placeholder", "year"}:
        birth_date: dt.date | None = dt.date(year, 1, 1)
    elif precision == "month":
        birth_date = dt.date(year, rng.randint(1, 12), 1)
    else:
        birth_date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    if rng.random() < 0.004:
        birth_date, precision = None, "exact"

    north = rng.random() < 0.5
    municipality = _weighted(rng, MUNICIPALITIES_NORTH if north else MUNICIPALITIES_SOUTH)
    native = _weighted(rng, culture.languages)

    german = _weighted(rng, [(None, 0.08), ("A1", 0.27), ("A2", 0.3), ("B1", 0.25), ("B2", 0.09), ("C1", 0.01)])
    def skill(language: str, level: str) -> tuple[str, str, str, str, str]:
        listening, reading, speaking, writing = (_level_around(rng, level) for _ in range(4))
        return (language, listening, reading, speaking, writing)

    languages = [(native, "native", "native", "native", "native")]
    if native == "ku" and culture.nationality in {"SY", "IQ"}:
        languages.append(skill("ar", "C1"))
    if native == "ku" and culture.nationality == "TR":
        languages.append(skill("tr", "C1"))
    if native == "ps":
        languages.append(skill("prs", "B2"))
    if native == "ru":
        languages.append(skill("uk", "C1"))
    for extra, share in culture.extra_languages:
        if rng.random() < share and extra not in {lang for lang, *_ in languages}:
            languages.append(skill(extra, "C1"))
    if german:
        # Listening leads, writing lags a level behind: the usual profile after an integration course.
        languages.append(("de", german, _level_around(rng, german), _level_around(rng, german),
                          _level_around(rng, CEFR[max(0, CEFR.index(german) - 1)])))
    if rng.random() < culture.english_share and native != "en":
        languages.append(skill("en", _weighted(rng, [("A2", 1), ("B1", 2), ("B2", 1)])))

    certificates: list[tuple[str, str, dt.date]] = []
    if german in {"A2", "B1", "B2", "C1"}:
        exam = today - dt.timedelta(days=rng.randint(30, 900))
        certificates.append(("dtz", "B1" if german != "A2" else "A2", exam))
        if rng.random() < 0.7:
            certificates.append(("lid", "", exam + dt.timedelta(days=rng.randint(-20, 20))))
        if german in {"B2", "C1"}:
            certificates.append((rng.choice(["telc", "bsk", "goethe"]), "B2",
                                 exam + dt.timedelta(days=rng.randint(120, 400))))
    certificates = [(k, lvl, min(day, today - dt.timedelta(days=1))) for k, lvl, day in certificates]

    status = _weighted(rng, culture.statuses)
    valid_until: dt.date | None
    if status == "niederlassung":
        valid_until = None
    elif rng.random() < 0.08:
        valid_until = today + dt.timedelta(days=rng.randint(3, 60))  # on the dashboard's warning list
    elif status == "ae_24":
        valid_until = dt.date(2027, 3, 4)  # temporary protection as extended by the EU
    elif status in {"gestattung", "duldung"}:
        valid_until = today + dt.timedelta(days=rng.randint(61, 180))
    else:
        valid_until = today + dt.timedelta(days=rng.randint(61, 3 * 365))
    permission = {"gestattung": "approval", "duldung": "approval"}.get(status, "yes")
    if status == "duldung" and rng.random() < 0.2:
        permission = "no"

    level_weights = [(0, 0.04), (1, 0.12), (2, 0.26), (3, 0.3), (4, 0.08), (6, 0.15), (7, 0.05)]
    top_level = _weighted(rng, level_weights)
    work_lang = culture.work_language(native)
    if rng.random() < 0.15:
        work_lang = "de"  # noted by the caseworker in German during the interview
    degree_lang = work_lang if work_lang in EDUCATION[0].degree else "en"
    education: list[tuple[str, int, str, int, str, str, str]] = []
    if top_level > 0:
        candidates = [p for p in EDUCATION if p.isced == top_level] or [p for p in EDUCATION if p.isced <= top_level]
        profile = rng.choice(candidates)
        recognition = "not_applied"
        body = ""
        if profile.recognition_body and rng.random() < 0.55:
            recognition = _weighted(rng, [("in_progress", 0.35), ("full", 0.25), ("partial", 0.25),
                                          ("refused", 0.15)])
            body = profile.recognition_body
        degree = profile.degree.get(degree_lang) or profile.degree["en"]
        education.append((culture.nationality, profile.isced, profile.field, profile.years, degree,
                          recognition, body))
        if profile.isced >= 3 and rng.random() < 0.5:
            school = EDUCATION[1]
            education.append((culture.nationality, school.isced, school.field, school.years,
                              school.degree.get(degree_lang) or school.degree["en"], "not_needed", ""))

    allowed = [i for i, g in enumerate(OCCUPATION_GENDER) if g == "*" or g == ("f" if female else "m")]
    work: list[tuple[str, str, str, Decimal, str]] = []
    for _ in range(_weighted(rng, [(0, 0.15), (1, 0.5), (2, 0.28), (3, 0.07)])):
        occupation = rng.choice(allowed)
        title, tasks = OCCUPATIONS[work_lang][occupation]
        employer = _weighted(rng, [("self", 0.2), ("family", 0.15), ("small", 0.35), ("large", 0.1),
                                   ("public", 0.1), ("informal", 0.1)])
        years = Decimal(rng.randint(1, 30)) / 2
        work.append((title, culture.nationality, employer, years, tasks))

    phase = _weighted(rng, [(Phase.INTAKE, 0.1), (Phase.PROFILING, 0.2), (Phase.QUALIFICATION, 0.3),
                            (Phase.PLACEMENT, 0.2), (Phase.EMPLOYED, 0.12), (Phase.EXITED, 0.08)])
    exit_reason, exit_date = "", None
    if phase == Phase.EXITED:
        exit_reason = _weighted(rng, [("job", 0.45), ("training", 0.15), ("moved", 0.25), ("other", 0.15)])
        exit_date = today - dt.timedelta(days=rng.randint(5, 200))

    contacts: list[tuple[dt.date, str, str]] = []
    stale = rng.random() < 0.2  # no contact for more than 30 days: the dashboard's filter
    newest = rng.randint(31, 120) if stale else rng.randint(1, 29)
    for n in range(rng.randint(1, 5)):
        days_ago = newest + n * rng.randint(14, 60)
        channel = "interpreter" if german in {None, "A1"} and rng.random() < 0.5 else _weighted(
            rng, [("in_person", 0.6), ("phone", 0.3), ("video", 0.05), ("letter", 0.05)])
        contacts.append((today - dt.timedelta(days=days_ago), channel, rng.choice(CONTACT_NOTES)))

    has_licence = rng.random() < (0.2 if female else 0.4)
    licence = _weighted(rng, [("B", 0.75), ("B, C1", 0.1), ("C, CE", 0.1), ("A, B", 0.05)]) if has_licence else ""
    childcare = rng.random() < (0.35 if female else 0.08)
    range_ = rng.choice(PHONE_RANGES)
    return PersonSpec(
        index=index,
        customer_number=customer_number(seed, index),
        culture=culture.nationality,
        given=given,
        family=family,
        given_original=given_original,
        family_original=family_original,
        gender=gender,
        birth_date=birth_date,
        birth_precision=precision,
        municipality=municipality,
        team=TEAM_NORTH if north else TEAM_SOUTH,
        caseworker_slot=rng.randrange(1000),
        preferred_language=native if german in {None, "A1", "A2"} or rng.random() < 0.6 else "de",
        phone=f"{range_} {rng.randint(0, 999):03d}" if rng.random() < 0.9 else "",
        residence_status=status,
        residence_valid_until=valid_until,
        work_permission=permission,
        childcare_needed=childcare,
        driving_licence=licence,
        own_car=bool(licence) and rng.random() < 0.35,
        uses_public_transport=rng.random() < 0.85,
        working_time=_weighted(rng, [("any", 0.5), ("full", 0.2), ("part", 0.15 + (0.2 if childcare else 0)),
                                     ("no_shifts", 0.1), ("mornings", 0.05 + (0.1 if childcare else 0))]),
        health_restrictions=rng.choice(HEALTH_RESTRICTIONS) if rng.random() < 0.12 else "",
        phase=phase,
        exit_reason=exit_reason,
        exit_date=exit_date,
        languages=languages,
        certificates=certificates,
        education=education,
        work=work,
        contacts=contacts,
    )


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _near_duplicate(spec: PersonSpec, rng: random.Random, customer: str) -> PersonSpec:
    """The same person registered a second time by someone who spelled the name differently."""
    given = " ".join(VARIANTS.get(part, part) for part in spec.given.split())
    family = VARIANTS.get(spec.family, spec.family)
    if (given == spec.given and family == spec.family) or rng.random() < 0.3:
        given, family = family, given  # given and family name swapped at registration
    birth_date, precision = spec.birth_date, spec.birth_precision
    if birth_date and rng.random() < 0.4:
        birth_date, precision = dt.date(birth_date.year, 1, 1), "placeholder"
    keep_original = rng.random() < 0.5
    return dataclasses.replace(
        spec, customer_number=customer, given=given, family=family,
        given_original=spec.given_original if keep_original else "",
        family_original=spec.family_original if keep_original else "",
        birth_date=birth_date, birth_precision=precision, contacts=spec.contacts[:1],
        phase=Phase.INTAKE, exit_reason="", exit_date=None,
    )


def person_spec(seed: int, index: int, today: dt.date) -> PersonSpec:
    """Person `index` of the demo caseload. About 1 in 97 is a near-duplicate of the one before."""
    if index % 97 == 42:
        rng = random.Random(f"wegweiser-demo-duplicate:{seed}:{index}")  # noqa: S311 - demo data
        return _near_duplicate(_person(seed, index - 1, today), rng, customer_number(seed, index))
    return _person(seed, index, today)


# --- writing ---------------------------------------------------------------------------------


@dataclass
class SeedResult:
    organisations_created: int = 0
    users_created: list[str] = field(default_factory=list)
    participants_created: int = 0  # in the district jobcenter
    participants_existing: int = 0
    other_created: int = 0  # in the second jobcenter
    rows_created: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _search_fields(spec: PersonSpec) -> tuple[str, str]:
    names = [spec.given, spec.family, spec.given_original, spec.family_original]
    tokens = duplicates.search_tokens(" ".join(names))
    return duplicates.name_key(*names)[:250], " ".join([*tokens, spec.customer_number.lower()])


def _ensure_organisations(result: SeedResult) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for name, kind, municipality in ORGANISATIONS:
        org, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality": municipality}
        )
        result.organisations_created += int(created)
        orgs[name] = org
    for team in (TEAM_NORTH, TEAM_SOUTH):
        Team.objects.get_or_create(organisation=orgs[JOBCENTER], name=team)
    return orgs


def _demo_users(seed: int) -> list[DemoUser]:
    from faker import Faker

    fake = Faker("de_DE")
    fake.seed_instance(seed)
    users = list(DEMO_USERS)
    for n in range(EXTRA_CASEWORKERS):
        team = TEAM_NORTH if n % 2 == 0 else TEAM_SOUTH
        slug = "nord" if team == TEAM_NORTH else "sued"
        users.append(DemoUser(f"fm-{slug}-{n // 2 + 1}", JOBCENTER, Role.CASEWORKER, team,
                              fake.first_name(), fake.last_name()))
    return users


def _ensure_users(orgs: dict[str, Organisation], seed: int, result: SeedResult) -> dict[str, User]:
    password = settings.WEGWEISER_DEMO_PASSWORD
    teams = {t.name: t for t in Team.objects.filter(organisation=orgs[JOBCENTER])}
    users: dict[str, User] = {}
    for spec in _demo_users(seed):
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = user_create(
                username=spec.username, password=password, organisation=orgs[spec.organisation],
                role=spec.role, team=teams.get(spec.team or ""), first_name=spec.first_name,
                last_name=spec.last_name, email=f"{spec.username}@demo.invalid",
            )
            result.users_created.append(spec.username)
        users[spec.username] = user
        if spec.username.startswith("demo-"):
            result.logins.append((spec.username, spec.role, password))
    return users


def _caseworker_for(spec: PersonSpec, by_team: dict[str, list[User]], lead: User) -> User:
    pool = by_team[spec.team]
    # demo-caseworker carries about a fifth of team Nord, the rest is shared evenly.
    if spec.team == TEAM_NORTH and spec.caseworker_slot < 200:
        return lead
    return pool[spec.caseworker_slot % len(pool)]


BATCH = 500


def _write(specs: list[PersonSpec], org: Organisation, teams: dict[str, Team],
           caseworker_for: Callable[[PersonSpec], User]) -> int:
    """Bulk-insert participants and all their rows; returns the number of rows written."""
    participants = []
    for spec in specs:
        name_key, search_text = _search_fields(spec)
        caseworker = caseworker_for(spec)
        participants.append(Participant(
            organisation=org, team=teams.get(spec.team), caseworker=caseworker,
            customer_number=spec.customer_number, given_name=spec.given, family_name=spec.family,
            given_name_original=spec.given_original, family_name_original=spec.family_original,
            name_key=name_key, search_text=search_text, birth_date=spec.birth_date,
            birth_date_precision=spec.birth_precision, gender=spec.gender,
            nationalities=[spec.culture], phone=spec.phone, municipality=spec.municipality,
            preferred_language=spec.preferred_language, residence_status=spec.residence_status,
            residence_valid_until=spec.residence_valid_until, work_permission=spec.work_permission,
            childcare_needed=spec.childcare_needed, driving_licence=spec.driving_licence,
            own_car=spec.own_car, uses_public_transport=spec.uses_public_transport,
            working_time=spec.working_time, health_restrictions=spec.health_restrictions,
            phase=spec.phase, exit_reason=spec.exit_reason, exit_date=spec.exit_date,
            last_contact_on=max((c[0] for c in spec.contacts), default=None),
        ))
    created = Participant.objects.bulk_create(participants, batch_size=BATCH)
    if any(p.pk is None for p in created):  # backends without RETURNING: look the ids up
        ids = dict(Participant.objects.filter(
            organisation=org, customer_number__in=[s.customer_number for s in specs]
        ).values_list("customer_number", "pk"))
        for participant in created:
            participant.pk = ids[participant.customer_number]

    skills, certificates, education, work, contacts = [], [], [], [], []
    for spec, participant in zip(specs, created, strict=True):
        author = participant.caseworker
        for lang, listening, reading, speaking, writing in spec.languages:
            skills.append(LanguageSkill(participant=participant, language=lang, listening=listening,
                                        reading=reading, speaking=speaking, writing=writing))
        for kind, level, issued in spec.certificates:
            certificates.append(LanguageCertificate(participant=participant, kind=kind, level=level,
                                                    issued_on=issued))
        for country, isced, field_, years, degree, recognition, body in spec.education:
            education.append(EducationEntry(participant=participant, country=country, isced_level=isced,
                                            field=field_, years=years, degree_original=degree,
                                            recognition_status=recognition, recognition_body=body))
        for title, country, employer, years_worked, tasks in spec.work:
            work.append(WorkHistoryEntry(participant=participant, job_title=title, country=country,
                                         employer_type=employer, years=years_worked, tasks=tasks))
        for day, channel, text in spec.contacts:
            contacts.append(ContactNote(participant=participant, author=author, contact_on=day,
                                        channel=channel, text=text))
    LanguageSkill.objects.bulk_create(skills, batch_size=BATCH)
    LanguageCertificate.objects.bulk_create(certificates, batch_size=BATCH)
    EducationEntry.objects.bulk_create(education, batch_size=BATCH)
    WorkHistoryEntry.objects.bulk_create(work, batch_size=BATCH)
    ContactNote.objects.bulk_create(contacts, batch_size=BATCH)
    return len(created) + len(skills) + len(certificates) + len(education) + len(work) + len(contacts)


def seed_demo(*, participants: int = 2723, seed: int = 1, today: dt.date | None = None) -> SeedResult:
    """Create the demo organisations, users and caseload; anything already there is left alone."""
    today = today or dt.date.today()
    result = SeedResult()
    with transaction.atomic():
        orgs = _ensure_organisations(result)
        users = _ensure_users(orgs, seed, result)
        jobcenter = orgs[JOBCENTER]
        teams = {t.name: t for t in Team.objects.filter(organisation=jobcenter)}
        by_team: dict[str, list[User]] = {TEAM_NORTH: [], TEAM_SOUTH: []}
        for username in sorted(users):
            user = users[username]
            if user.organisation_id == jobcenter.pk and user.role == Role.CASEWORKER and user.team_id:
                by_team[user.team.name if user.team else TEAM_NORTH].append(user)
        lead = users["demo-caseworker"]

        existing = set(Participant.objects.filter(organisation=jobcenter).values_list("customer_number", flat=True))
        specs = [person_spec(seed, i, today) for i in range(participants)]
        new = [s for s in specs if s.customer_number not in existing]
        result.participants_existing = len(specs) - len(new)
        result.rows_created += _write(new, jobcenter, teams, lambda s: _caseworker_for(s, by_team, lead))
        result.participants_created += len(new)

        # A small caseload in the second jobcenter, so that other-organisation access can be tried.
        other = orgs[OTHER_JOBCENTER]
        other_caseworker = users["demo-caseworker-beispielstadt"]
        other_count = max(3, participants // 100)
        other_existing = set(Participant.objects.filter(organisation=other).values_list("customer_number", flat=True))
        other_specs = []
        for i in range(other_count):
            spec = _person(seed + 7_000_000, i, today)
            spec.customer_number = customer_number(seed, i, OTHER_CUSTOMER_PREFIX)
            if spec.customer_number not in other_existing:
                other_specs.append(spec)
        result.rows_created += _write(other_specs, other, {}, lambda s: other_caseworker)
        result.other_created = len(other_specs)
    return result
