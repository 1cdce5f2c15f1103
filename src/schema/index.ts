// Registers every type, then builds the schema.
import { lexicographicSortSchema } from "graphql";
import { builder } from "../builder.js";
import "./scalars.js";
import "./errors.js";
import "./article.js";
import "./author.js";
import "./body.js";
import "./comment.js";
import "./media.js";
import "./source.js";
import "./topic.js";

builder.queryType({});

export const schema = lexicographicSortSchema(builder.toSchema());
