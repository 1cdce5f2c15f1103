// `npm run example:live-feed -- <article-slug> [api-url]`: prints an article's comments, then each
// new one as it arrives. Uses only the SDK.
import WebSocket from "ws";
import { ArticlePageDocument, createNewsgraphClient, LiveCommentsDocument } from "../sdk/client.js";

const [slug, url = process.env.NEWSGRAPH_URL ?? "http://localhost:4000/graphql"] = process.argv.slice(2);
if (!slug) {
  console.error("usage: npm run example:live-feed -- <article-slug> [api-url]");
  process.exit(1);
}

const client = createNewsgraphClient({ url, webSocketImpl: WebSocket });
const { article } = await client.request(ArticlePageDocument, { slug, comments: 100, replies: 100 });
if (!article) {
  console.error(`no published article with slug "${slug}"`);
  process.exit(1);
}

const line = (comment: { depth: number; authorName: string | null; body: string | null; isDeleted: boolean }) =>
  `${"  ".repeat(comment.depth)}${comment.isDeleted ? "[deleted]" : `${comment.authorName}: ${comment.body}`}`;

console.log(`${article.title}\n${article.commentCount} comments\n`);
for (const comment of article.comments.nodes) {
  console.log(line(comment));
  for (const reply of comment.replies.nodes) console.log(line(reply));
}
console.log("\nwaiting for new comments (Ctrl-C to stop)...");

const stop = client.subscribe(LiveCommentsDocument, { articleId: article.id, after: article.liveCursor }, {
  next: ({ commentAdded }) => {
    if (commentAdded.__typename === "ResyncRequired") console.log(`(feed restarted: ${commentAdded.reason})`);
    else if (commentAdded.__typename === "CommentAdded" && commentAdded.comment) console.log(line(commentAdded.comment));
  },
  error: (error) => {
    console.error("live feed failed:", error);
    process.exit(1);
  },
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stop();
    void client.dispose().then(() => process.exit(0));
  });
}
