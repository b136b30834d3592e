package dev.baton.generate;

/** Fixed word lists. Order matters: indexes are drawn from seeded streams. */
final class Vocab {

    private Vocab() {
    }

    static final String[] SALES_OWNERS = {
        "Dana Reyes", "Marcus Chen", "Priya Natarajan", "Tom Becker", "Sofia Alvarez", "Jonah Whitfield",
        "Aisha Okafor", "Liam O'Connor", "Hannah Schmidt", "Diego Morales", "Grace Kim", "Ravi Patel"};

    static final String[] CSM_OWNERS = {
        "Elena Petrova", "Sam Carter", "Nora Lindqvist", "Kwame Mensah", "Julia Rossi", "Ben Adler",
        "Mei Tanaka", "Omar Haddad"};

    static final String[] INDUSTRIES = {
        "Software", "Fintech", "Healthcare", "Retail", "Manufacturing", "Education", "Media", "Logistics",
        "Professional Services"};

    static final String[] CHANNELS = {"organic", "paid_search", "outbound", "partner", "events"};
    static final double[] CHANNEL_SHARE = {0.30, 0.25, 0.20, 0.12, 0.13};
    /** Most likely CRM lead source per acquisition channel (same order as {@link #CHANNELS}). */
    static final String[][] LEAD_SOURCES = {
        {"inbound", "referral"}, {"inbound"}, {"outbound"}, {"partner", "referral"}, {"event"}};
    static final String[] ALL_LEAD_SOURCES = {"inbound", "outbound", "partner", "event", "referral"};

    static final String[] USD_COUNTRIES_ABROAD = {"IN", "BR", "MX", "SG", "AU", "JP", "IL", "ZA"};
    static final String[] EUR_COUNTRIES = {"DE", "FR", "NL", "ES", "IE", "IT", "FI", "BE", "AT"};

    static final String[] NAME_PREFIXES = {
        "Northwind", "Bluepeak", "Cedar", "Brightline", "Ironwood", "Harbor", "Summit", "Lumen", "Copperleaf",
        "Silverline", "Redwood", "Keystone", "Atlas", "Beacon", "Granite", "Juniper", "Maple", "Orbit", "Pioneer",
        "Quartz", "Riverstone", "Sable", "Tidewater", "Vantage", "Willow", "Zenith", "Aurora", "Bramble", "Crescent",
        "Driftwood", "Evergreen", "Foxglove", "Golden", "Hollow", "Indigo", "Kestrel", "Larch", "Meridian",
        "Nimbus", "Oakridge", "Pinnacle", "Rowan", "Saffron", "Thistle", "Umber", "Verdant", "Wildflower", "Yarrow"};
    static final String[] NAME_CORES = {
        "Analytics", "Logistics", "Health", "Foods", "Robotics", "Labs", "Media", "Learning", "Payments",
        "Energy", "Outfitters", "Clinics", "Freight", "Studios", "Finance", "Software", "Retail", "Dynamics",
        "Systems", "Networks", "Partners", "Works", "Supply", "Bio", "Capital", "Data", "Travel", "Security"};
    static final String[] NAME_SUFFIXES = {"", "", "", "", " Inc", " LLC", " Ltd", " GmbH", " Group", " Co"};

    static final String[] FIRST_NAMES = {
        "Alex", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Riley", "Avery", "Chris", "Pat", "Lena", "Noah",
        "Emma", "Oliver", "Mia", "Lucas", "Zoe", "Ethan", "Chloe", "Mateo", "Isla", "Arjun", "Yuki", "Fatima",
        "Kofi", "Ingrid", "Pablo", "Anya", "Wei", "Sara", "Tariq", "Nadia", "Felix", "Rosa", "Hugo", "Leila"};
    static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Garcia", "Miller", "Davis", "Martinez", "Lopez", "Wilson", "Anderson", "Thomas",
        "Moore", "Jackson", "Martin", "Lee", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen",
        "Hill", "Green", "Adams", "Baker", "Nelson", "Mitchell", "Campbell", "Roberts", "Turner", "Phillips",
        "Evans", "Collins", "Murphy", "Fischer", "Novak", "Sato", "Haddad", "Mensah", "Costa"};
    static final String[] TITLES = {
        "CFO", "VP Sales", "RevOps Lead", "Head of Finance", "COO", "Sales Ops Manager", "CEO", "Data Analyst",
        "Controller", "Head of Customer Success"};
    static final String[] DEPARTMENTS = {"Sales", "RevOps", "Finance", "Customer Success", "Marketing", "Operations"};
}
