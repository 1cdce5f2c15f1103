// Original demo content: fictional states, officials and commenters, written for this project.

// Each author signs in with their slug as the token subject: `npm run token -- --role author --sub hana-sorel`.
export const authors = [
  {
    slug: "hana-sorel",
    userId: "hana-sorel",
    name: "Hana Sorel",
    bio: "Diplomatic correspondent. Has covered the Drava basin negotiations since the first ceasefire talks and reports from Geneva, Vell and Karst City.",
    avatarUrl: "https://images.newsgraph.example/authors/hana-sorel.jpg",
  },
  {
    slug: "matteo-brandt",
    userId: "matteo-brandt",
    name: "Matteo Brandt",
    bio: "Regional politics editor. Previously parliamentary reporter in Vell; writes about coalitions, elections and the politics of trade.",
    avatarUrl: "https://images.newsgraph.example/authors/matteo-brandt.jpg",
  },
  {
    slug: "yusuf-adeyemi",
    userId: "yusuf-adeyemi",
    name: "Yusuf Adeyemi",
    bio: "Data reporter covering fisheries, shipping and the economics of the northern coast.",
    avatarUrl: null,
  },
] as const;

export const topics = [
  { slug: "diplomacy", name: "Diplomacy", description: "Talks, treaties and the people who negotiate them." },
  { slug: "border-disputes", name: "Border disputes", description: "Contested lines on the map and the lives along them." },
  { slug: "trade", name: "Trade", description: "Corridors, tariffs and the deals that move goods." },
  { slug: "regional-politics", name: "Regional politics", description: "Parliaments, parties and coalitions across the region." },
  { slug: "fisheries", name: "Fisheries", description: "Quotas, coastal communities and the state of the stocks." },
] as const;

type SourceSeed = {
  key: string;
  kind: "PUBLICATION" | "PERSON" | "ORGANIZATION" | "SOCIAL_ACCOUNT" | "DOCUMENT";
  name: string;
  url?: string;
  description?: string;
  role?: string;
  organization?: string;
};

export const sources: SourceSeed[] = [
  { key: "veloria-mfa", kind: "ORGANIZATION", name: "Ministry of Foreign Affairs of Veloria", url: "https://mfa.veloria.example" },
  { key: "karstland-mfa", kind: "ORGANIZATION", name: "Karstland Foreign Ministry", url: "https://foreign.karstland.example" },
  { key: "karstland-interior", kind: "ORGANIZATION", name: "Karstland Ministry of the Interior" },
  { key: "un-drava", kind: "ORGANIZATION", name: "Office of the Special Envoy for the Drava Basin", description: "The mediation office that convenes the border talks." },
  { key: "centre-border", kind: "ORGANIZATION", name: "Centre for Border Studies", description: "An independent research institute in Vell.", url: "https://borderstudies.example" },
  { key: "meridian", kind: "ORGANIZATION", name: "Meridian Risk Partners", description: "A political-risk consultancy." },
  { key: "veloria-parliament", kind: "ORGANIZATION", name: "Veloria National Assembly" },
  { key: "marwen", kind: "PERSON", name: "Ilse Marwen", role: "Foreign Minister of Veloria", organization: "veloria-mfa" },
  { key: "redek", kind: "PERSON", name: "Tomas Redek", role: "Foreign Minister of Karstland", organization: "karstland-mfa" },
  { key: "dunca", kind: "PERSON", name: "Mirela Dunca", role: "Deputy Interior Minister of Karstland", organization: "karstland-interior" },
  { key: "osei", kind: "PERSON", name: "Amara Osei", role: "Special Envoy for the Drava Basin", organization: "un-drava" },
  { key: "fischbach", kind: "PERSON", name: "Lena Fischbach", role: "Senior fellow", organization: "centre-border" },
  { key: "whitlow", kind: "PERSON", name: "Jonah Whitlow", role: "Head of research", organization: "meridian" },
  { key: "halvard", kind: "PERSON", name: "Piotr Halvard", role: "Opposition member for North Vell", organization: "veloria-parliament" },
  { key: "karstland-mfa-account", kind: "SOCIAL_ACCOUNT", name: "@KarstlandMFA", url: "https://social.example/@KarstlandMFA", description: "Official account of the Karstland Foreign Ministry.", organization: "karstland-mfa" },
  { key: "ledger", kind: "PUBLICATION", name: "The Northern Ledger", url: "https://northernledger.example" },
  { key: "communique", kind: "DOCUMENT", name: "Joint communiqué on the resumption of border talks", description: "Two pages, issued by both delegations after the first session." },
  { key: "meridian-note", kind: "DOCUMENT", name: "Meridian Risk Partners research note: The Drava corridor after Geneva", organization: "meridian" },
];

export const media = [
  {
    key: "handshake",
    url: "https://images.newsgraph.example/2026/11/geneva-handshake.jpg",
    altText: "Two foreign ministers shake hands in front of a row of flags",
    caption: "Ilse Marwen and Tomas Redek before the first session in Geneva.",
    width: 1600,
    height: 1067,
    credit: "karstland-mfa-account",
  },
  {
    key: "bridge",
    url: "https://images.newsgraph.example/2026/11/drava-bridge.jpg",
    altText: "A closed road bridge over a wide river at dusk, a border post on the far bank",
    caption: "The Old Drava bridge, closed to traffic since the spring.",
    width: 1600,
    height: 900,
    credit: "veloria-mfa",
  },
] as const;

type CitationSeed = { key: string; source: string; quote?: string; context: string };
type ArticleSeed = {
  slug: string;
  title: string;
  subtitle?: string;
  dateline?: string;
  excerpt: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  publishedAt?: string;
  moderation?: "PRE" | "POST";
  commentsOpen?: boolean;
  authors: string[];
  topics: string[];
  citations: CitationSeed[];
  images: { media: string; caption?: string }[];
  /** Blocks; quotes name a citation key, images a media key. */
  body: ({ type: "paragraph"; text: string } | { type: "heading"; text: string; level: number } | { type: "quote"; text: string; citation: string } | { type: "image"; media: string })[];
};

export const articles: ArticleSeed[] = [
  {
    slug: "ministers-meet-in-geneva-as-border-talks-resume",
    title: "Ministers meet in Geneva as Drava border talks resume after eight months",
    subtitle: "Veloria and Karstland agree to reopen the Old Drava bridge to aid convoys while negotiators map the disputed river islands",
    dateline: "GENEVA",
    excerpt: "The foreign ministers of Veloria and Karstland sat across one table for the first time since March, and left with a timetable, a bridge and no agreement on the islands.",
    status: "PUBLISHED",
    publishedAt: "2026-11-14T16:30:00Z",
    moderation: "POST",
    authors: ["hana-sorel", "matteo-brandt"],
    topics: ["diplomacy", "border-disputes"],
    images: [{ media: "handshake" }, { media: "bridge", caption: "The Old Drava bridge, which both sides agreed to open to aid convoys from Monday." }],
    citations: [
      { key: "marwen", source: "marwen", quote: "We did not come here to sign a map. We came to agree how we will draw one, and today we did.", context: "press conference after the first session" },
      { key: "redek", source: "redek", quote: "The bridge opens on Monday. Everything else opens when the other side stops moving the buoys.", context: "statement posted on social media" },
      { key: "osei", source: "osei", quote: "Eight months ago neither delegation would share a corridor with the other. Tonight they shared a dinner table.", context: "press conference" },
      { key: "fischbach", source: "fischbach", quote: "The islands are a few hundred hectares of reed and gravel, but whoever holds them holds the shipping channel.", context: "interview with Newsgraph" },
      { key: "dunca", source: "dunca", quote: "Our border police will escort every convoy. Nobody should read that as a concession.", context: "television interview" },
      { key: "halvard", source: "halvard", quote: "The government has agreed to talk about talking. The families in North Vell need a date, not a process.", context: "speech in the National Assembly" },
      { key: "whitlow", source: "whitlow", quote: "Markets will price the bridge, not the communiqué. A reopened crossing is worth more than a page of principles.", context: "research note" },
      { key: "communique", source: "communique", context: "joint communiqué" },
      { key: "photo-credit", source: "karstland-mfa-account", context: "photo posted on social media" },
    ],
    body: [
      { type: "paragraph", text: "The foreign ministers of Veloria and Karstland sat at the same table on Friday for the first time since talks over their river border collapsed in March, and agreed to reopen the Old Drava bridge to aid convoys from Monday." },
      { type: "image", media: "handshake" },
      { type: "paragraph", text: "The meeting, hosted by the mediation office of the Special Envoy for the Drava Basin in a lakeside hotel, lasted just under six hours. It ended with a two-page joint communiqué that commits both delegations to monthly sessions and to a joint survey of the river islands at the heart of the dispute." },
      { type: "quote", text: "We did not come here to sign a map. We came to agree how we will draw one, and today we did.", citation: "marwen" },
      { type: "paragraph", text: "Veloria's foreign minister, Ilse Marwen, told reporters that the survey would be carried out by hydrographers from both countries working from the same boats. Her Karstland counterpart, Tomas Redek, struck a cooler note in a statement posted shortly afterwards." },
      { type: "quote", text: "The bridge opens on Monday. Everything else opens when the other side stops moving the buoys.", citation: "redek" },
      { type: "heading", text: "A bridge first, islands later", level: 2 },
      { type: "paragraph", text: "The envoy, Amara Osei, described the day as modest but real progress. Officials on both sides said privately that the bridge was chosen precisely because it could be opened without either government conceding anything on the islands." },
      { type: "quote", text: "Eight months ago neither delegation would share a corridor with the other. Tonight they shared a dinner table.", citation: "osei" },
      { type: "image", media: "bridge" },
      { type: "paragraph", text: "Karstland's deputy interior minister, Mirela Dunca, said convoys would cross under escort. Lena Fischbach of the Centre for Border Studies said the islands mattered far beyond their size." },
      { type: "quote", text: "The islands are a few hundred hectares of reed and gravel, but whoever holds them holds the shipping channel.", citation: "fischbach" },
      { type: "quote", text: "Our border police will escort every convoy. Nobody should read that as a concession.", citation: "dunca" },
      { type: "heading", text: "At home, impatience", level: 2 },
      { type: "paragraph", text: "In Vell, the opposition was unimpressed. Piotr Halvard, who represents the riverside district most affected by the closure, said residents had waited long enough." },
      { type: "quote", text: "The government has agreed to talk about talking. The families in North Vell need a date, not a process.", citation: "halvard" },
      { type: "paragraph", text: "Investors were more forgiving. A research note from Meridian Risk Partners argued that the reopened crossing mattered more than the wording of the communiqué." },
      { type: "quote", text: "Markets will price the bridge, not the communiqué. A reopened crossing is worth more than a page of principles.", citation: "whitlow" },
      { type: "paragraph", text: "The next session is scheduled for mid-December in Vell." },
    ],
  },
  {
    slug: "trade-corridor-vote-delayed",
    title: "Vote on the northern trade corridor delayed as coalition partners split",
    dateline: "VELL",
    excerpt: "The junior coalition partner wants guarantees for river ports before it backs the rail link.",
    status: "PUBLISHED",
    publishedAt: "2026-11-10T09:00:00Z",
    moderation: "PRE",
    authors: ["matteo-brandt"],
    topics: ["trade", "regional-politics"],
    images: [],
    citations: [
      { key: "halvard", source: "halvard", quote: "A railway that bypasses every river town is not a corridor, it is a tunnel.", context: "committee hearing" },
      { key: "ledger", source: "ledger", context: "first reported the delay" },
    ],
    body: [
      { type: "paragraph", text: "The National Assembly postponed its vote on the northern trade corridor on Tuesday after the junior coalition partner demanded written guarantees for the river ports that the new rail link would bypass." },
      { type: "quote", text: "A railway that bypasses every river town is not a corridor, it is a tunnel.", citation: "halvard" },
      { type: "paragraph", text: "The delay was first reported by The Northern Ledger. Party whips said a new date would be set after the budget debate." },
    ],
  },
  {
    slug: "coastal-states-sign-fisheries-accord",
    title: "Coastal states sign a five-year fisheries accord with shared quotas",
    dateline: "KARST CITY",
    excerpt: "Quotas for herring and cod will be set jointly for the first time, with an independent panel to count the catch.",
    status: "PUBLISHED",
    publishedAt: "2026-11-05T12:15:00Z",
    moderation: "POST",
    commentsOpen: false,
    authors: ["yusuf-adeyemi", "hana-sorel"],
    topics: ["fisheries", "diplomacy"],
    images: [],
    citations: [
      { key: "redek", source: "redek", quote: "Fish do not carry passports. For once, our quotas will not pretend they do.", context: "signing ceremony" },
    ],
    body: [
      { type: "paragraph", text: "Three coastal states signed a five-year accord on Wednesday that sets herring and cod quotas jointly and hands the counting of catches to an independent panel." },
      { type: "quote", text: "Fish do not carry passports. For once, our quotas will not pretend they do.", citation: "redek" },
    ],
  },
  {
    slug: "envoy-appointments-inquiry",
    title: "Opposition calls for an inquiry into envoy appointments",
    dateline: "VELL",
    excerpt: "Draft: awaiting a response from the foreign ministry.",
    status: "DRAFT",
    authors: ["matteo-brandt"],
    topics: ["regional-politics"],
    images: [],
    citations: [],
    body: [{ type: "paragraph", text: "Draft copy, not for publication." }],
  },
  {
    slug: "river-commission-archive",
    title: "River commission publishes its 2019 survey",
    excerpt: "An archived report, kept for reference.",
    status: "ARCHIVED",
    publishedAt: "2020-02-01T10:00:00Z",
    authors: ["yusuf-adeyemi"],
    topics: ["border-disputes"],
    images: [],
    citations: [],
    body: [{ type: "paragraph", text: "The commission's survey counted forty-one islands in the disputed stretch." }],
  },
];


/** A comment thread: each comment with its replies; status defaults to APPROVED. */
export interface CommentSeed {
  name: string;
  email?: string;
  body: string;
  status?: "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "DELETED";
  replies?: CommentSeed[];
}

export const geneveThread: CommentSeed[] = [
  {
    name: "Marta K.",
    email: "marta.k@example.org",
    body: "Reopening the bridge for convoys is the first concrete thing to come out of these talks in a year. I'll take it.",
    replies: [
      {
        name: "Dev Anand",
        body: "@Marta K. concrete, but reversible. Escorted convoys can be stopped the day the mood changes.",
        replies: [
          { name: "Marta K.", email: "marta.k@example.org", body: "@Dev Anand true, but every week it stays open makes it harder to close again." },
          { name: "Oskar Lind", body: "@Dev Anand the escort is the price of getting Karst City to say yes at all." },
        ],
      },
      { name: "Ruth Abiodun", email: "ruth@example.net", body: "My cousin drives for one of the aid groups. They have been waiting at the bridge since August." },
    ],
  },
  {
    name: "Oskar Lind",
    body: "Nobody is talking about the buoys. Who moved them, and when? The statement makes it sound like this happened last week.",
    replies: [
      {
        name: "Hugo Sandvik",
        email: "hugo.s@example.com",
        body: "@Oskar Lind the Ledger had a piece in June with satellite pictures. The markers drifted about two hundred metres over the spring floods.",
        replies: [
          { name: "Oskar Lind", body: "@Hugo Sandvik drifted, or were towed? That is the whole argument in one word." },
          { name: "Ines Maro", body: "@Hugo Sandvik floods move buoys every year. It only became a scandal when the talks broke down." },
        ],
      },
      { name: "Spam Bot", email: "offers@spam.example", body: "Cheap flights to Geneva!!! Click here", status: "SPAM" },
    ],
  },
  {
    name: "Ines Maro",
    body: "Monthly sessions and a joint survey is more structure than we had under the last government. Credit where due.",
    replies: [
      { name: "Piet Vos", body: "@Ines Maro the last government had weekly sessions. They just never produced a communiqué." },
      {
        name: "Anonymous reader",
        body: "This comment was removed by its author.",
        status: "DELETED",
        replies: [{ name: "Ines Maro", body: "@Piet Vos fair, though a communiqué you can hold them to is worth something." }],
      },
    ],
  },
  {
    name: "Lucia Ferrante",
    email: "lucia.f@example.it",
    body: "The quote from the envoy about the dinner table is lovely, but I would like to know what was actually on the agenda for the islands.",
    replies: [
      {
        name: "Hugo Sandvik",
        email: "hugo.s@example.com",
        body: "@Lucia Ferrante the communiqué says 'a joint hydrographic survey' and nothing else. That is the agenda.",
        replies: [{ name: "Lucia Ferrante", email: "lucia.f@example.it", body: "@Hugo Sandvik thank you. Sparser than I had hoped." }],
      },
    ],
  },
  {
    name: "Tomasz Wierzba",
    body: "Living in North Vell: the closure added ninety minutes to my commute each way. A date would be nice indeed.",
    replies: [{ name: "Marta K.", email: "marta.k@example.org", body: "@Tomasz Wierzba same from the south bank. The ferry is booked out by seven every morning." }],
  },
  {
    name: "Amira Haddad",
    body: "Good to see the analyst quoted on the shipping channel. Most coverage treats the islands as a symbolic issue, they are not.",
    replies: [
      { name: "Dev Anand", body: "@Amira Haddad exactly. Whoever controls the channel controls the tolls." },
      { name: "Tomasz Wierzba", body: "@Amira Haddad and the dredging contracts, which nobody mentions." },
    ],
  },
  {
    name: "Greta Holm",
    body: "Will you follow this up from Vell in December? I would read that.",
    replies: [{ name: "Hana Sorel", body: "@Greta Holm yes, I will be there for the next session." }],
  },
  { name: "Pending Reader", email: "pending@example.org", body: "Waiting for a moderator to look at this one.", status: "PENDING" },
];

export const corridorThread: CommentSeed[] = [
  { name: "Piet Vos", body: "Bypassing the river ports was always going to split the coalition." },
  { name: "Ruth Abiodun", email: "ruth@example.net", body: "Is there a map of the proposed route anywhere?", replies: [{ name: "Matteo Brandt", body: "@Ruth Abiodun we will publish one with the vote." }] },
  { name: "Rude Reader", body: "This newspaper is a joke", status: "REJECTED" },
];
