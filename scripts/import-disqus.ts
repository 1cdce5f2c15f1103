// `npm run import:disqus -- <export.xml> [--dry-run]`: a Disqus XML export's comments, onto the articles their threads were on.
import { runImportCli } from "../src/imports/cli.js";
import { importDisqus } from "../src/imports/disqus/import.js";

process.exitCode = await runImportCli({
  command: "npm run import:disqus",
  reads: "a Disqus XML export (threads matched to articles by slug or link, posts as comments)",
  unit: "posts",
  run: (run) => importDisqus(run),
});
