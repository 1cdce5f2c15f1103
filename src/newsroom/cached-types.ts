// The typenames whose cached public responses a newsroom write changes, handed to `log.touched`.

/** A source's own fields or its lists. */
export const SOURCE_TYPES = ["Source", "QuerySourcesConnection", "SourceMembersConnection", "SourceCitationsConnection", "SourceCreditsConnection"];
/** An author's own fields or the list of authors. */
export const AUTHOR_TYPES = ["Author", "QueryAuthorsConnection", "AuthorArticlesConnection"];
/** A topic's own fields or the list of topics. */
export const TOPIC_TYPES = ["Topic", "QueryTopicsConnection", "TopicArticlesConnection"];
/** What a merge moves besides the records: citations and credits, bylines and topic links on articles. */
export const MOVED_TYPES = ["Citation", "Image", "Byline", "Article"];
