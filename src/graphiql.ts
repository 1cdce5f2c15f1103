// What GraphiQL opens with: a query that shows the graph at a glance.
export const defaultQuery = /* GraphQL */ `# Welcome to Newsgraph. Press the play button to run this query.
# Live comments: open a second tab and run the LiveComments subscription at the bottom.
#
# To sign in (to moderate, say), make a token in a terminal:
#   npm run token -- --role moderator --name "Your Name"
# and paste it in the Headers tab below: { "Authorization": "Bearer <token>" }
query FrontPage {
  articles(first: 5) {
    totalCount
    nodes {
      id
      slug
      title
      dateline
      publishedAt
      authors { name }
      topics { name }
      commentCount
    }
  }
}

query ArticlePage($slug: String = "ministers-meet-in-geneva-as-border-talks-resume") {
  article(slug: $slug) {
    title
    subtitle
    dateline
    authors { name bio }
    images { caption image { url altText credit { name kind } } }
    citations { quote context source { name kind role organization { name } } }
    comments(first: 10, orderBy: OLDEST) {
      totalCount
      nodes {
        authorName
        body
        replyCount
        replies(first: 5) { nodes { authorName body replies { nodes { authorName body } } } }
      }
    }
  }
}

# Publishing, with an editor's token in the Headers tab (npm run token -- --role editor --name "Ed"):
# run CreateDraft, then PublishDraft with the id and version it returned. Give publishAt a time to
# come to schedule it instead; an embargo (setArticleEmbargo) holds it until then whatever you do.
mutation CreateDraft {
  createArticle(input: { title: "Talks resume in Geneva", dateline: "GENEVA", body: [{ type: PARAGRAPH, text: "Ministers met again on Monday." }] }) {
    ... on ArticlePayload { article { id version status slug } }
    ... on Error { code message }
    ... on ValidationError { problems { path message } }
  }
}

mutation PublishDraft($id: ID!, $version: Int! = 1, $publishAt: DateTime) {
  publishArticle(input: { id: $id, version: $version, publishAt: $publishAt }) {
    ... on ArticlePayload { article { id version status publishedAt } }
    ... on Error { code message }
    ... on ConflictError { currentVersion }
  }
}

subscription LiveComments($articleId: ID! = "QXJ0aWNsZTox") {
  commentAdded(articleId: $articleId) {
    ... on CommentAdded { cursor comment { authorName body depth } }
    ... on ResyncRequired { cursor reason }
  }
}
`;
