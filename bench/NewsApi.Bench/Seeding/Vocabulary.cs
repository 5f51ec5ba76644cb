namespace NewsApi.Bench.Seeding;

/// <summary>
/// The words the generated newsroom writes with. Lists are in rough order of frequency: the generator draws from
/// them with a Zipf distribution, so the first words are common and the last ones rare, as in real copy.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Function =
    [
        "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "it", "with", "as", "was", "at", "by", "he",
        "she", "they", "from", "this", "be", "are", "have", "has", "had", "but", "not", "an", "or", "were", "which",
        "their", "its", "his", "her", "been", "would", "will", "more", "after", "about", "into", "than", "over", "also",
        "some", "could", "when", "there", "who", "all", "we", "out", "up", "two", "last", "new", "first", "said", "one",
        "most", "other", "before", "under", "since", "while", "between", "because", "during", "three", "many", "few",
    ];

    public static readonly string[] General =
    [
        "year", "people", "government", "week", "time", "city", "state", "officials", "report", "country", "plan",
        "public", "spokesperson", "month", "local", "national", "minister", "council", "percent", "million", "day",
        "years", "part", "number", "group", "members", "issue", "area", "support", "decision", "statement", "policy",
        "told", "according", "announced", "expected", "including", "month", "region", "service", "program", "change",
        "interview", "residents", "company", "former", "election", "leaders", "meeting", "agreement", "proposal",
        "workers", "families", "community", "board", "department", "evidence", "question", "system", "budget",
        "district", "school", "court", "law", "police", "hospital", "market", "prices", "costs", "funding", "project",
        "development", "research", "data", "analysis", "review", "investigation", "committee", "office", "members",
        "campaign", "vote", "parliament", "opposition", "majority", "response", "pressure", "crisis", "debate",
        "future", "history", "record", "level", "rate", "increase", "decline", "growth", "impact", "effect", "risk",
        "concerns", "warning", "changes", "rules", "measures", "talks", "deal", "sources", "document", "letter",
        "morning", "evening", "weekend", "summer", "winter", "spring", "autumn", "season", "centre", "street",
        "building", "bridge", "road", "river", "coast", "harbour", "airport", "station", "square", "village", "town",
        "neighbourhood", "authorities", "agency", "ministry", "union", "industry", "sector", "business", "firms",
        "customers", "consumers", "shareholders", "investors", "employees", "staff", "volunteers", "students",
        "teachers", "patients", "doctors", "nurses", "scientists", "researchers", "experts", "analysts", "critics",
        "supporters", "voters", "candidates", "lawmakers", "judges", "lawyers", "prosecutors", "witnesses", "victims",
        "suspects", "officers", "firefighters", "drivers", "passengers", "farmers", "fishermen", "artists",
        "musicians", "writers", "players", "coaches", "fans", "visitors", "tourists", "owners", "tenants", "landlords",
        "significant", "major", "small", "large", "recent", "current", "previous", "final", "early", "late", "long",
        "short", "high", "low", "strong", "weak", "clear", "difficult", "important", "possible", "likely", "public",
        "private", "independent", "official", "senior", "junior", "regional", "international", "foreign", "domestic",
        "economic", "political", "social", "financial", "environmental", "cultural", "medical", "legal", "military",
        "digital", "annual", "monthly", "weekly", "daily", "quickly", "slowly", "sharply", "steadily", "largely",
        "nearly", "almost", "already", "still", "again", "soon", "later", "earlier", "recently", "finally", "openly",
        "reported", "confirmed", "denied", "rejected", "approved", "proposed", "delayed", "cancelled", "launched",
        "opened", "closed", "raised", "cut", "reduced", "increased", "doubled", "halved", "warned", "promised",
        "argued", "insisted", "suggested", "acknowledged", "criticised", "praised", "questioned", "welcomed",
        "blamed", "urged", "agreed", "refused", "signed", "voted", "elected", "appointed", "resigned", "retired",
        "arrested", "charged", "convicted", "acquitted", "sentenced", "released", "recovered", "discovered",
        "published", "estimated", "measured", "recorded", "collected", "invested", "spent", "earned", "lost", "won",
        "built", "repaired", "replaced", "restored", "expanded", "moved", "returned", "visited", "travelled",
        "reached", "completed", "started", "finished", "continued", "remained", "became", "seemed", "appeared",
        "planned", "decided", "considered", "examined", "tested", "checked", "studied", "observed", "noticed",
        "river", "forest", "mountain", "valley", "island", "lake", "park", "garden", "museum", "library", "theatre",
        "stadium", "market", "factory", "warehouse", "port", "railway", "motorway", "tunnel", "canal", "dam",
        "reservoir", "pipeline", "network", "platform", "website", "database", "archive", "collection", "exhibition",
        "festival", "ceremony", "conference", "summit", "hearing", "trial", "inquiry", "audit", "survey", "poll",
        "census", "forecast", "estimate", "figure", "total", "average", "share", "margin", "gap", "deficit",
        "surplus", "debt", "loan", "grant", "subsidy", "tax", "fee", "fine", "penalty", "contract", "licence",
        "permit", "bill", "amendment", "regulation", "standard", "target", "deadline", "schedule", "timetable",
        "route", "journey", "flight", "delay", "shortage", "surplus", "supply", "demand", "production", "output",
        "exports", "imports", "trade", "tariff", "currency", "inflation", "interest", "mortgage", "rent", "wages",
        "salary", "pension", "benefit", "allowance", "insurance", "claim", "lawsuit", "settlement", "appeal",
        "verdict", "ruling", "sentence", "bail", "custody", "prison", "detention", "border", "asylum", "migration",
        "population", "generation", "childhood", "education", "training", "skills", "jobs", "employment",
        "unemployment", "poverty", "housing", "homelessness", "health", "care", "treatment", "disease", "vaccine",
        "outbreak", "infection", "recovery", "surgery", "emergency", "ambulance", "accident", "collision", "fire",
        "flood", "storm", "drought", "heatwave", "earthquake", "landslide", "evacuation", "rescue", "damage",
        "repairs", "insurance", "compensation", "memorial", "anniversary", "tradition", "heritage", "identity",
        "language", "religion", "faith", "culture", "music", "film", "book", "novel", "poetry", "painting",
        "sculpture", "photography", "fashion", "design", "architecture", "food", "restaurant", "kitchen", "harvest",
        "wine", "coffee", "bakery", "recipe", "menu", "chef", "diet", "exercise", "sleep", "wellbeing", "loneliness",
    ];

    /// <summary>Each article has a desk; its copy leans on that desk's words, and its first tag is usually the desk.</summary>
    public static readonly (string Desk, string[] Words)[] Desks =
    [
        ("Politics", ["coalition", "minister", "cabinet", "senate", "referendum", "manifesto", "ballot", "constituency", "mayor", "governor", "reform", "legislation", "veto", "filibuster", "caucus", "polling", "incumbent", "challenger", "lobbying", "scandal", "resignation", "ombudsman", "treaty", "sanctions", "diplomat", "embassy", "envoy", "ceasefire", "negotiations", "delegation"]),
        ("Business", ["earnings", "revenue", "profit", "dividend", "merger", "acquisition", "startup", "bankruptcy", "layoffs", "shareholder", "valuation", "listing", "bond", "equity", "retailer", "supplier", "logistics", "franchise", "exporter", "manufacturer", "quarterly", "guidance", "takeover", "chairman", "boardroom", "auditor", "regulator", "monopoly", "competition", "antitrust"]),
        ("Science", ["telescope", "galaxy", "satellite", "genome", "protein", "molecule", "fossil", "species", "laboratory", "experiment", "physicist", "chemist", "biologist", "astronomer", "particle", "quantum", "neuron", "bacteria", "enzyme", "mutation", "orbit", "comet", "asteroid", "microscope", "specimen", "hypothesis", "peer", "journal", "dataset", "algorithm"]),
        ("Climate", ["emissions", "carbon", "renewable", "solar", "turbine", "glacier", "wildfire", "rainfall", "temperature", "drought", "biodiversity", "deforestation", "coral", "methane", "wetland", "conservation", "recycling", "pollution", "smog", "battery", "grid", "hydrogen", "insulation", "retrofit", "adaptation", "resilience", "seawall", "erosion", "permafrost", "monsoon"]),
        ("Health", ["clinic", "surgeon", "pharmacy", "prescription", "diagnosis", "screening", "cancer", "diabetes", "dementia", "obesity", "asthma", "measles", "influenza", "antibiotic", "trial", "dosage", "therapy", "midwife", "ward", "waiting", "paramedic", "epidemiologist", "immunisation", "nutrition", "addiction", "psychiatry", "hospice", "transplant", "donor", "outpatient"]),
        ("Technology", ["software", "smartphone", "chip", "semiconductor", "encryption", "privacy", "broadband", "cloud", "server", "startup", "app", "robot", "automation", "drone", "cybersecurity", "hacker", "breach", "password", "browser", "search", "platform", "streaming", "subscription", "developer", "processor", "sensor", "fibre", "satellite", "outage", "update"]),
        ("Sport", ["league", "tournament", "championship", "match", "season", "goal", "striker", "goalkeeper", "midfielder", "referee", "penalty", "innings", "wicket", "marathon", "sprint", "medal", "podium", "qualifier", "semifinal", "final", "transfer", "captain", "squad", "stadium", "fixture", "relegation", "promotion", "derby", "injury", "comeback"]),
        ("Culture", ["gallery", "exhibition", "premiere", "director", "actor", "actress", "orchestra", "symphony", "opera", "ballet", "novelist", "poet", "album", "concert", "tour", "festival", "curator", "collector", "auction", "manuscript", "playwright", "screenplay", "documentary", "sitcom", "broadcaster", "podcast", "bestseller", "memoir", "choreographer", "soprano"]),
        ("World", ["refugees", "humanitarian", "famine", "insurgency", "militia", "peacekeepers", "coup", "junta", "protesters", "crackdown", "curfew", "blockade", "convoy", "shelling", "airstrike", "hostages", "summit", "alliance", "bloc", "tariffs", "embargo", "delegates", "consulate", "visa", "frontier", "enclave", "exiles", "dissidents", "tribunal", "genocide"]),
        ("Local", ["councillor", "planning", "bypass", "roundabout", "allotment", "library", "bin", "pothole", "parking", "bus", "tram", "ferry", "market", "parish", "fete", "carnival", "pub", "bakery", "school", "nursery", "playground", "footpath", "cycle", "lane", "estate", "flats", "developer", "objection", "petition", "neighbours"]),
    ];

    public static readonly string[] FirstNames =
    [
        "Maria", "James", "Amara", "Chen", "Fatima", "Lukas", "Priya", "Tomasz", "Aisha", "Daniel", "Sofia", "Kwame",
        "Elena", "Mateo", "Yuki", "Omar", "Ingrid", "Rafael", "Leila", "Niall", "Hana", "Samuel", "Zara", "Pavel",
        "Grace", "Ibrahim", "Chloe", "Diego", "Freya", "Arjun", "Nadia", "Felix", "Mei", "Kofi", "Astrid", "Hugo",
        "Layla", "Marco", "Ines", "Tariq", "Clara", "Emeka", "Sanna", "Luca", "Noor", "Oscar", "Rosa", "Viktor",
        "Anya", "Bruno", "Dalia", "Erik", "Farah", "Gabriel", "Helga", "Idris", "Julia", "Kenji", "Lina", "Milan",
    ];

    public static readonly string[] Surnames =
    [
        "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Mensah", "Fischer", "Kowalski", "Rossi",
        "Nakamura", "Osei", "Petrov", "Santos", "Bergstrom", "Achebe", "Dubois", "Yilmaz", "Murphy", "Kaur",
        "Schmidt", "Ferreira", "Ivanova", "Park", "Mwangi", "Larsen", "Costa", "Hussain", "Walsh", "Nguyen",
        "Horvath", "Adeyemi", "Jansen", "Romero", "Sato", "Farouk", "Keller", "Lopez", "Andersen", "Wojcik",
        "Bianchi", "Tshabalala", "Morales", "Kim", "Oyelaran", "Eriksen", "Gallagher", "Singh", "Varga", "Delgado",
        "Suzuki", "Abubakar", "Hoffmann", "Marino", "Nieminen", "Quinn", "Reyes", "Sorensen", "Takahashi", "Umeh",
        "Vasquez", "Weber", "Xu", "Yamamoto", "Zielinski", "Acheampong", "Brennan", "Castillo", "Dimitrov", "Estrada",
        "Fontaine", "Gunnarsson", "Halvorsen", "Iwu", "Jovanovic", "Kariuki", "Lombardi", "Magnusson", "Nowak", "Ortiz",
    ];

    public static readonly string[] Places =
    [
        "Northbridge", "Eastmoor", "Westhaven", "Southport", "Kingsford", "Riverton", "Ashby", "Bramley", "Carrick",
        "Dunmore", "Elmstead", "Fairholm", "Glenmore", "Harwick", "Ivybridge", "Juniper", "Kelso", "Larkhill",
        "Millbrook", "Newhaven", "Oakridge", "Pembury", "Queensbury", "Redcliff", "Stonebridge", "Thornbury",
        "Upton", "Valemont", "Whitby", "Yarrow", "Lisbon", "Nairobi", "Oslo", "Lagos", "Kyoto", "Quito", "Dakar",
        "Tbilisi", "Hanoi", "Lima", "Accra", "Tallinn", "Valletta", "Porto", "Gdansk", "Bergen", "Cork", "Lyon",
    ];

    public static readonly string[] Outlets =
    [
        "Associated Wire", "Continental Press", "Harbour Times", "Metro Ledger", "Northern Courier", "Capital Gazette",
        "Evening Standard Wire", "Global Dispatch", "Coastal Herald", "Valley Chronicle", "Pacific Newswire",
        "Atlantic Report", "City Journal", "Civic Observer", "Daily Record Agency", "Eastern Telegraph",
        "Financial Desk", "Frontline Reports", "Open Data Newsroom", "People's Post", "Public Radio Network",
        "Regional Bulletin", "Science Desk Agency", "Sports Wire International", "Statehouse News", "The Correspondent",
        "Tribune Services", "United Newsfeed", "Weekly Examiner", "World Service Wire", "Agence Internationale",
        "Baltic News Service", "Nordic Press Agency", "Andes Reporter", "Sahel Bureau", "Mediterranean Wire",
        "Alpine Courier", "Delta Newsroom", "Highlands Herald", "Island Times",
    ];
}
