// `npm run import:wordpress -- <export.xml> [--dry-run]`: imports a WordPress WXR export (see README, "Moving in: imports").
import { runImportCli } from "../src/imports/cli.js";
import { importWordpress } from "../src/imports/wordpress/import.js";

process.exitCode = await runImportCli({
  command: "npm run import:wordpress",
  reads: "a WordPress WXR export (1.1 or 1.2): authors, categories and tags, posts, attachments and comments",
  unit: "items",
  run: (run) => importWordpress(run),
});
