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

subscription LiveComments($articleId: ID! = "QXJ0aWNsZTox") {
  commentAdded(articleId: $articleId) {
    ... on CommentAdded { cursor comment { authorName body depth } }
    ... on ResyncRequired { cursor reason }
  }
}
`;
