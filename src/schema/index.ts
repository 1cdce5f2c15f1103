// Registers every type, then builds the schema.
import { lexicographicSortSchema } from "graphql";
import { builder } from "../builder.js";
import "./scalars.js";
import "./errors.js";
import "./article.js";
import "./article-lists.js";
import "./article-live.js";
import "./author.js";
import "./body.js";
import "./comment.js";
import "./comment-mutations.js";
import "./commenters.js";
import "./live.js";
import "./media.js";
import "./moderation.js";
import "./moderation-rules.js";
import "./preview.js";
import "./source.js";
import "./topic.js";
import "./viewer.js";

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = lexicographicSortSchema(builder.toSchema());
