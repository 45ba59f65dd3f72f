namespace BilateralTimeline.Application.Drafting;

/// <summary>
/// General Arabic and English news vocabulary: verbs and nouns that report an event of a claim kind,
/// cues of attribution and modality, office titles and country names. Entries are written in their
/// plain forms; <see cref="CueTable"/> matches them through the stemmer. The order of
/// <see cref="KindPriority"/> settles a sentence with cues of several kinds: the most specific and
/// most consequential event first, a bare statement or assessment last.
/// </summary>
internal static class CueLexicon
{
    public static readonly string[] KindPriority =
    [
        "fight", "assault", "accident", "agreement", "military-cooperation", "reduce-relations", "coercion",
        "visit", "meeting", "threat", "protest", "force-posture", "rejection", "accusation", "criticism",
        "praise", "appeal", "aid", "economic-cooperation", "intent-to-cooperate", "procurement", "movement",
        "media-coverage", "policy", "assessment", "statement",
    ];

    /// <summary>
    /// Words whose stem is a cue's but which never are one: «وزارة» (ministry) stems to «زار» (visited), and every
    /// Arabic article names a ministry.
    /// </summary>
    public static readonly HashSet<string> NotKindWords = new(
        new[] { "وزارة", "الوزارة", "وزارات", "لوزارة", "بوزارة", "ووزارة", "للوزارة", "وزارتي", "وزارته", "وزارتها" }.Select(w => w.Normalize()), StringComparer.Ordinal);

    public static readonly CueTable Kinds = new(
    [
        ("fight", ["اشتباك", "اشتباكات", "قتال", "معارك", "معركة", "قصف", "اشتبك", "clash", "clashes", "fighting", "shelling", "battle", "skirmish", "تبادل إطلاق النار", "تبادلا إطلاق النار", "إطلاق النار", "إطلاق نار", "قذائف", "قذيفة", "هاون", "مدفعية", "غارة", "غارات", "ضربة جوية", "ضربات جوية", "صواريخ", "مواجهات", "اشتبكت", "قصفت", "fired", "fire", "gunfire", "exchanged fire", "mortar", "mortars", "artillery", "airstrike", "airstrikes", "air strike", "air strikes", "shelled", "bombarded", "bombardment", "rockets", "firefight", "skirmishes"]),
        ("assault", ["هجوم", "هاجم", "هاجمت", "يهاجم", "اعتداء", "اعتدى", "أطلق النار", "أطلقوا النار", "اغتيال", "اغتال", "تفجير", "انفجار", "attack", "attacked", "assault", "shot", "shooting", "bombing", "assassination", "stormed", "قتل", "قتلت", "مقتل", "قتلى", "جرحى", "اختطاف", "اختطف", "خطف", "اقتحم", "اقتحمت", "اقتحام", "كمين", "داهم", "داهمت", "مداهمة", "برصاص", "استهدف", "استهدفت", "raided", "raid", "ambushed", "ambush", "abducted", "kidnapped", "killed", "wounded", "gunmen", "opened fire", "struck"]),
        ("accident", ["تحطم", "تحطمت", "حادث", "حادثة", "لقي حتفه", "لقوا حتفهم", "crash", "crashed", "accident", "killed in a crash"]),
        ("agreement", ["وقف إطلاق النار", "هدنة", "ceasefire", "truce", "اتفاقية", "اتفاق", "معاهدة", "مذكرة تفاهم", "وقع", "وقعت", "وقعا", "توقيع", "الموقعة", "agreement", "treaty", "memorandum", "accord", "signed", "signing", "اتفق", "اتفقا", "اتفقت", "اتفقوا", "يتفق", "صادق", "صادقت", "المصادقة", "بروتوكول", "ميثاق", "توصل إلى اتفاق", "توصلا إلى اتفاق", "agreed", "agree", "pact", "protocol", "ratified", "ratify", "memorandum of understanding", "reached a deal", "sign"]),
        ("military-cooperation", ["مناورة", "مناورات", "مناورة مشتركة", "مناورات مشتركة", "تدريبات مشتركة", "تمرين", "تمارين", "التعاون العسكري", "التعاون الدفاعي", "exercise", "exercises", "drill", "drills", "manoeuvres", "maneuvers", "military cooperation", "defence cooperation", "defense cooperation", "تدريب عسكري", "تدريبات عسكرية", "دوريات مشتركة", "دورية مشتركة", "تعاون أمني", "التعاون الأمني", "joint patrol", "joint patrols", "military training", "security cooperation", "joint military"]),
        ("reduce-relations", ["إغلاق السفارة", "أغلقت", "أغلق", "إغلاق", "استدعاء السفير", "استدعت", "قطع العلاقات", "خفض العلاقات", "سحب السفير", "closed", "closure", "recalled", "severed", "downgraded", "suspended relations", "استدعى", "استدعاء", "سحبت سفيرها", "سحب سفيره", "قطعت العلاقات", "تجميد", "جمدت", "recall", "withdrew its ambassador", "cut ties", "broke off", "downgrade", "suspension", "froze", "freeze", "halted"]),
        ("coercion", ["اعتقال", "اعتقل", "اعتقلت", "اعتقالات", "احتجاز", "طرد", "طردت", "عقوبات", "حظر", "ترحيل", "arrested", "arrest", "detained", "sanctions", "expelled", "deported", "banned", "احتجز", "احتجزت", "حصار", "فرض عقوبات", "فرضت عقوبات", "مقاطعة", "إبعاد", "أبعد", "أبعدت", "يطرد", "detain", "detention", "seized", "seizure", "confiscated", "embargo", "boycott", "blockade", "expel", "expulsion", "deport", "deportation", "imposed sanctions"]),
        ("visit", ["زيارة", "زار", "زارت", "يزور", "تزور", "وصل", "وصلت", "يصل", "سافر", "سافرت", "يسافر", "جولة", "أتى", "visit", "visited", "visits", "arrived", "travelled", "traveled", "toured", "trip to", "توجه", "توجهت", "يتوجه", "حل ضيفا", "جولة إقليمية", "زيارة رسمية", "arrive", "arrives", "travel", "travels", "tour", "state visit"]),
        ("meeting", ["التقى", "التقت", "يلتقي", "تلتقي", "التقيا", "لقاء", "اجتمع", "اجتمعت", "يجتمع", "اجتماع", "محادثات", "مباحثات", "ناقش", "ناقشا", "ناقشت", "استقبل", "استقبلت", "يستقبل", "قمة", "met", "meet", "meeting", "talks", "discussed", "received", "summit", "hosted", "بحث", "بحثا", "بحثت", "يبحث", "تبحث", "تباحث", "تباحثا", "مشاورات", "تشاور", "اتصال هاتفي", "اتصالا هاتفيا", "مكالمة هاتفية", "مفاوضات", "تفاوض", "جولة محادثات", "اجتماعات", "meetings", "phone call", "telephone call", "spoke by phone", "consultations", "negotiations", "negotiated", "held talks", "conferred", "discuss", "discusses"]),
        ("threat", ["هدد", "هددت", "يهدد", "تهدد", "تهديد", "توعد", "حذر", "حذرت", "يحذر", "threatened", "threatens", "warned", "warns", "threat", "أنذر", "إنذار", "لوح", "لوحت", "تحذير", "تحذيرات", "توعدت", "vowed", "warning", "ultimatum", "threaten"]),
        ("protest", ["احتجاج", "احتجاجات", "تظاهرة", "تظاهر", "مظاهرة", "اعتصام", "protest", "protesters", "demonstration", "rally", "تظاهروا", "متظاهرون", "متظاهرين", "محتجون", "محتجين", "مسيرة احتجاجية", "وقفة احتجاجية", "protested", "protests", "demonstrators", "rallied", "marched", "sit-in"]),
        ("force-posture", ["حشد", "حشود", "نشر قوات", "دوريات", "بدوريات", "تعزيزات عسكرية", "استنفار", "deployed", "deployment", "troops massed", "patrols", "buildup", "mobilised", "mobilized", "نشرت قوات", "نشر جنود", "تعزيزات", "حشدت", "دبابات", "مدرعات", "آليات عسكرية", "حالة التأهب", "رفع الجاهزية", "طائرات مسيرة", "deploy", "deploys", "reinforcements", "massed", "amassed", "tanks", "armoured vehicles", "armored vehicles", "warships", "military buildup", "high alert", "drones"]),
        ("rejection", ["رفض", "رفضت", "يرفض", "ترفض", "رفضه", "نفى", "نفت", "ينفي", "تنفي", "rejected", "rejects", "refused", "dismissed", "denied", "denies", "نفي", "استبعد", "استبعدت", "فند", "فندت", "reject", "refuse", "refuses", "rebuffed", "refuted", "rejection", "ruled out"]),
        ("accusation", ["اتهم", "اتهمت", "يتهم", "تتهم", "اتهام", "اتهامات", "accused", "accuses", "blamed", "accusation", "حمل المسؤولية", "حملت المسؤولية", "يحمل", "accuse", "blame", "blames", "held responsible"]),
        ("criticism", ["انتقد", "انتقدت", "ينتقد", "انتقاد", "ندد", "نددت", "أدان", "أدانت", "استنكر", "قلق", "قلقها", "مخاوف", "criticised", "criticized", "condemned", "denounced", "concern", "concerns", "انتهاك", "انتهاكا", "خرق", "شجب", "شجبت", "استهجن", "انتقادات", "اعترض", "احتج", "احتجت", "condemn", "condemns", "denounce", "deplored", "slammed", "violation", "violates", "violated", "objected"]),
        ("praise", ["أشاد", "أشادت", "يشيد", "أثنى", "ثمن", "رحب", "رحبت", "يرحب", "praised", "welcomed", "commended", "hailed", "lauded", "شكر", "شكرت", "هنأ", "هنأت", "امتنان", "تقدير", "praise", "welcome", "welcomes", "thanked", "congratulated", "appreciation"]),
        ("appeal", ["دعا", "دعت", "يدعو", "تدعو", "دعوة", "طالب", "طالبت", "يطالب", "ناشد", "حث", "called for", "urged", "invited", "invitation", "appealed", "demanded", "طلب", "طلبت", "مطالبا", "مطالبة", "مناشدة", "حثت", "call for", "calls for", "calls on", "called on", "urge", "urges", "demand", "demands", "requested", "asked"]),
        ("aid", ["مساعدات", "مساعدة", "منحة", "تقديم الخدمات", "aid", "assistance", "donated", "grant", "قرض", "إغاثة", "معونة", "تبرع", "تبرعت", "شحنة مساعدات", "loan", "relief", "humanitarian", "donation", "supplied"]),
        ("economic-cooperation", ["التجارة", "التجارية", "تجاري", "استثمار", "استثمارات", "افتتاح", "افتتح", "سد", "سدين", "خط أنابيب", "ممر", "عقود", "إعادة إعمار", "trade", "investment", "inaugurated", "inauguration", "dam", "pipeline", "corridor", "reconstruction", "أعاد فتح", "أعادت فتح", "إعادة فتح", "صادرات", "واردات", "التبادل التجاري", "التعاون الاقتصادي", "الربط الكهربائي", "مشروع مشترك", "reopen", "reopened", "reopening", "exports", "imports", "economic cooperation", "joint venture", "free trade", "trade deal"]),
        ("intent-to-cooperate", ["تأمل", "يأمل", "أمل", "استعداد", "مستعد", "عزم", "تعزيز العلاقات", "توسيع العلاقات", "تطوير العلاقات", "توسيع التعاون", "تعميق العلاقات", "ستستمر", "يحاول", "تحاول", "hope", "hopes", "ready to", "willing", "intends", "pledged", "expand ties", "strengthen ties", "deepen ties", "عرض", "عرضت", "اقترح", "اقترحت", "تعهد", "تعهدت", "وعد", "أبدى استعداده", "offer", "offered", "proposed", "promised", "plans to", "intend", "committed to"]),
        ("procurement", ["شراء", "تشتري", "يشتري", "اشترى", "اشترت", "صفقة", "صفقات", "مشتريات", "الشراء", "توريد", "purchase", "purchases", "bought", "buys", "procurement", "arms deal", "acquired"]),
        ("movement", ["رحلة", "الرحلة", "رحلات", "حلقت", "طائرة", "هبطت", "أقلعت", "flight", "flew", "landed", "aircraft", "plane"]),
        ("media-coverage", ["وسائل الإعلام", "نشرته", "نشرت", "الإعلام", "الإخباري", "media", "coverage", "newspapers"]),
        ("policy", ["سياسة", "السياسة", "مبدأ", "استراتيجية", "برنامج", "نهج", "policy", "principle", "strategy", "doctrine"]),
        ("statement", ["قال", "قالت", "يقول", "تقول", "أضاف", "أضافت", "أكد", "أكدت", "يؤكد", "تؤكد", "صرح", "صرحت", "تصريح", "تصريحات", "أعلن", "أعلنت", "أشار", "أشارت", "تحدث", "وصف", "شدد", "said", "says", "stated", "announced", "added", "told", "noted", "stressed", "described", "statement", "remarks", "أوضح", "أوضحت", "أفاد", "أفادت", "أعرب", "أعربت", "لفت", "نوه", "أبلغ", "بيان", "explained", "confirmed", "reiterated", "commented", "declared", "briefed", "insisted"]),
    ], NotKindWords);

    /// <summary>Cues that make a sentence an opinion, flag it unconfirmed, or report a denial.</summary>
    public static readonly CueTable Modalities = new(
    [
        ("denial", ["نفى", "نفت", "ينفي", "تنفي", "نفي", "denied", "denies", "deny", "denial"]),
        ("unconfirmed", ["غير مؤكدة", "غير مؤكد", "لم يتم التأكد", "لم يتسن التحقق", "زعم", "زعمت", "يزعم", "مزاعم", "المزعومة", "من المتوقع", "ومن المتوقع", "يتوقع", "expected to", "is expected", "are expected", "unconfirmed", "unverified", "reportedly", "allegedly", "alleged", "=claimed", "could not be verified", "could not be independently verified"]),
        ("opinion", ["يبدو", "محتمل", "محتملة", "من المحتمل", "من غير المحتمل", "ربما", "يرى", "نعتقد", "أعتقد", "برأي", "في رأيي", "ينبغي", "يجب", "seems", "appears to", "possible", "potential", "likely", "unlikely", "probably", "perhaps", "might", "in my view", "i think", "should"]),
    ]);

    /// <summary>Verbs of modality whose scope runs to the end of the sentence (the clauses they introduce).</summary>
    public static readonly HashSet<string> ScopingModalities = new(StringComparer.Ordinal)
    {
        "نفى", "نفت", "ينفي", "تنفي", "زعم", "زعمت", "يزعم", "يبدو", "يرى", "نعتقد", "أعتقد",
        "denied", "denies", "deny", "claimed", "allegedly", "seems", "appears to", "in my view", "i think",
    };

    /// <summary>Words that name a speaker whose words are an opinion rather than a report of fact.</summary>
    public static readonly CueTable OpinionSpeakers = new(
    [
        ("opinion", ["المحلل", "محلل", "محللون", "خبير", "الخبير", "كاتب", "ناشط", "analyst", "analysts", "expert", "commentator", "columnist", "activist"]),
    ]);

    /// <summary>"According to X": the words after the cue name the link of the chain.</summary>
    public static readonly CueTable AccordingTo = new(
    [
        ("according-to", ["بحسب", "حسب", "على لسان", "وفقا ل", "وفقاً ل", "نقلا عن", "نقلاً عن", "أفادت", "ذكرت", "أوردت", "according to", "citing", "quoted by", "reported by"]),
    ]);

    /// <summary>Present-tense verbs: without a date of their own they speak of the time of writing.</summary>
    public static readonly HashSet<string> PresentTense = new(StringComparer.Ordinal)
    {
        "يزور", "تزور", "يصل", "يسافر", "يلتقي", "تلتقي", "يجتمع", "يستقبل", "يهدد", "تهدد", "يحذر", "يرفض", "ترفض", "يتهم", "تتهم",
        "ينتقد", "يشيد", "يرحب", "يدعو", "تدعو", "يطالب", "تأمل", "يأمل", "يحاول", "تحاول", "يشتري", "تشتري", "يقول", "تقول", "يؤكد", "تؤكد",
        "says", "rejects", "accuses", "hopes", "threatens", "warns", "buys", "urges", "calls for", "criticises", "criticizes",
    };

    /// <summary>Verbs of saying: the speaker follows in Arabic (verb–subject) and precedes in English.</summary>
    public static readonly CueTable Saying = new(
    [
        ("said", ["قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "صرح", "صرحت", "أعلن", "أعلنت", "أشار", "أشارت", "وصف", "شدد", "كتب", "غرد", "زعم", "said", "says", "told", "stated", "added", "announced", "wrote", "tweeted", "=claimed", "أوضح", "أوضحت", "أفاد", "explained", "confirmed", "insisted"]),
    ]);

    /// <summary>What a named link is: the first entry found in its words decides.</summary>
    public static readonly CueTable LinkKinds = new(
    [
        ("agency", ["وكالة", "وكالتا", "وكالات", "إيرنا", "ايرنا", "فارس", "تسنيم", "رويترز", "agency", "IRNA", "Reuters", "AFP", "Tasnim", "Fars"]),
        ("outlet", ["موقع", "صحيفة", "قناة", "وسائل إعلام", "وسائل الإعلام", "مجلة", "تلفزيون", "website", "newspaper", "channel", "television", "media", "outlet", "magazine"]),
        ("unnamed", ["مصادر", "مصدر", "تقارير", "sources", "source", "reports"]),
        ("organisation", ["وزارة", "الحكومة", "حكومة", "السلطات", "الجيش", "البرلمان", "الرئاسة", "ministry", "government", "authorities", "army", "parliament", "presidency"]),
    ]);

    /// <summary>Office titles: the English title and the level an actor holding it has.</summary>
    public static readonly CueTable Titles = new(
    [
        ("Minister of Defence|minister", ["وزير الدفاع", "وزير دفاع", "defence minister", "defense minister", "minister of defence", "minister of defense"]),
        ("Minister of Foreign Affairs|minister", ["وزير الخارجية", "وزير خارجية", "وزير خارجيته", "foreign minister", "minister of foreign affairs"]),
        ("Minister of the Interior|minister", ["وزير الداخلية", "وزير داخلية", "interior minister"]),
        ("Minister|minister", ["وزير", "minister"]),
        ("President|head-of-state", ["الرئيس", "رئيس الجمهورية", "رئيس جمهورية", "president", "the president of"]),
        ("Prime Minister|head-of-government", ["رئيس الوزراء", "رئيس الحكومة", "prime minister"]),
        ("Supreme Leader|head-of-state", ["المرشد الأعلى", "مرشد الثورة", "supreme leader"]),
        ("Chief of General Staff|senior-official", ["رئيس الأركان", "رئيس هيئة الأركان", "chief of staff", "chief of general staff"]),
        ("Ambassador|official", ["السفير", "سفير", "ambassador"]),
        ("Spokesperson|official", ["المتحدث باسم", "المتحدث", "الناطق باسم", "spokesman", "spokeswoman", "spokesperson"]),
        ("Deputy|senior-official", ["نائب", "deputy"]),
        ("General|senior-official", ["الجنرال", "الجنزال", "العميد", "اللواء", "العماد", "general", "brigadier"]),
    ]);

    /// <summary>Country names, adjectives and capitals, to ISO 3166-1 alpha-3.</summary>
    public static readonly CueTable Countries = new(
    [
        ("IRN|Iran", ["إيران", "الإيراني", "الإيرانية", "إيرانية", "إيراني", "طهران", "الجمهورية الإسلامية", "Iran", "Iranian", "Tehran"]),
        ("AZE|Azerbaijan", ["أذربيجان", "الأذربيجاني", "الأذربيجانية", "أذربيجاني", "باكو", "Azerbaijan", "Azerbaijani", "Baku"]),
        ("TUR|Turkey", ["تركيا", "التركي", "التركية", "تركية", "أنقرة", "Turkey", "Türkiye", "Turkish", "Ankara"]),
        ("ISR|Israel", ["إسرائيل", "الإسرائيلي", "الإسرائيلية", "إسرائيلية", "الكيان الصهيوني", "الكيان الإسرائيلي", "تل أبيب", "Israel", "Israeli"]),
        ("ARM|Armenia", ["أرمينيا", "الأرمني", "الأرمنية", "يريفان", "Armenia", "Armenian", "Yerevan"]),
        ("RUS|Russia", ["روسيا", "الروسي", "الروسية", "روسية", "موسكو", "Russia", "Russian", "Moscow", "Kremlin"]),
        ("USA|United States", ["الولايات المتحدة", "أمريكا", "الأمريكي", "الأمريكية", "واشنطن", "United States", "American", "Washington"]),
        ("SAU|Saudi Arabia", ["السعودية", "السعودي", "الرياض", "Saudi", "Riyadh"]),
        ("IRQ|Iraq", ["العراق", "العراقي", "العراقية", "بغداد", "Iraq", "Iraqi", "Baghdad"]),
        ("SYR|Syria", ["سوريا", "سورية", "السوري", "السورية", "دمشق", "Syria", "Syrian", "Damascus"]),
        ("EGY|Egypt", ["مصر", "المصري", "المصرية", "القاهرة", "Egypt", "Egyptian", "Cairo"]),
        ("LBN|Lebanon", ["لبنان", "اللبناني", "اللبنانية", "بيروت", "Lebanon", "Lebanese", "Beirut"]),
        ("PAK|Pakistan", ["باكستان", "الباكستاني", "إسلام آباد", "Pakistan", "Pakistani", "Islamabad"]),
        ("GEO|Georgia", ["جورجيا", "تبليسي", "Georgia", "Georgian", "Tbilisi"]),
        ("CHN|China", ["الصين", "الصيني", "الصينية", "بكين", "China", "Chinese", "Beijing"]),
        ("GBR|United Kingdom", ["بريطانيا", "البريطاني", "البريطانية", "لندن", "Britain", "British", "London"]),
        ("FRA|France", ["فرنسا", "الفرنسي", "الفرنسية", "باريس", "France", "French", "Paris"]),
        ("QAT|Qatar", ["قطر", "القطري", "الدوحة", "Qatar", "Qatari", "Doha"]),
        ("ARE|United Arab Emirates", ["الإمارات", "الإماراتي", "أبوظبي", "Emirates", "Emirati", "Abu Dhabi", "UAE"]),
        ("JOR|Jordan", ["الأردن", "الأردني", "عمّان", "Jordan", "Jordanian", "Amman"]),
        ("YEM|Yemen", ["اليمن", "اليمني", "صنعاء", "Yemen", "Yemeni", "Sanaa"]),
        ("AFG|Afghanistan", ["أفغانستان", "الأفغاني", "كابول", "Afghanistan", "Afghan", "Kabul"]),
        ("IND|India", ["الهند", "الهندي", "نيودلهي", "India", "Indian", "New Delhi"]),
        ("UKR|Ukraine", ["أوكرانيا", "الأوكراني", "كييف", "Ukraine", "Ukrainian", "Kyiv"]),
        ("KAZ|Kazakhstan", ["كازاخستان", "أستانا", "Kazakhstan", "Astana"]),
        ("TKM|Turkmenistan", ["تركمانستان", "عشق آباد", "Turkmenistan", "Ashgabat"]),
    ]);
}
