import { builder } from "../builder.js";
import { ROLES, type Viewer as ViewerShape } from "../auth.js";

const Role = builder.enumType("Role", { values: ROLES });

const Viewer = builder.objectRef<ViewerShape>("Viewer").implement({
  description: "The signed-in user, as their token says.",
  fields: (t) => ({
    subject: t.exposeString("id", { description: "The token's subject." }),
    name: t.exposeString("name"),
    roles: t.field({ type: [Role], resolve: (viewer) => viewer.roles }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({ type: Viewer, nullable: true, description: "Who you are signed in as, or null.", resolve: (_root, _args, ctx) => ctx.viewer }),
);
