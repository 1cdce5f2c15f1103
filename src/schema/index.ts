// Registers every type, then builds the schema.
import { lexicographicSortSchema } from "graphql";
import { builder } from "../builder.js";
import "./scalars.js";
import "./errors.js";
import "./article.js";
import "./article-lists.js";
import "./article-mutations.js";
import "./article-revisions.js";
import "./author.js";
import "./author-mutations.js";
import "./body.js";
import "./citation-mutations.js";
import "./comment.js";
import "./comment-mutations.js";
import "./commenters.js";
import "./image-mutations.js";
import "./live.js";
import "./media.js";
import "./moderation.js";
import "./moderation-rules.js";
import "./node.js";
import "./source.js";
import "./source-mutations.js";
import "./text-changes.js";
import "./topic.js";
import "./topic-mutations.js";
import "./viewer.js";

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = lexicographicSortSchema(builder.toSchema());
