/**
 * The dependency walls of DESIGN.md, checked by `npm test`:
 * core depends on nothing of ours; tools and knowledge on core; agents on tools, knowledge and core;
 * channels on core only; nothing imports the composition root (src/app).
 */
module.exports = {
  forbidden: [
    {
      name: "core-is-independent",
      comment: "src/core depends on nothing of ours",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^(agents|tools|channels|knowledge|evals|src/(?!core/))" },
    },
    {
      name: "src-below-app-knows-no-skills",
      comment: "src (db, llm, demo) must not reach up into agents, tools, channels or knowledge",
      severity: "error",
      from: { path: "^src/(?!app/)" },
      to: { path: "^(agents|tools|channels|knowledge)/" },
    },
    {
      name: "tools-and-knowledge-below-agents",
      severity: "error",
      from: { path: "^(tools|knowledge)/" },
      to: { path: "^(agents|channels)/" },
    },
    {
      name: "channels-know-only-core",
      comment: "an adapter knows the conversation only through the ConversationHandler port",
      severity: "error",
      from: { path: "^channels/" },
      to: { path: "^(agents|tools|knowledge|src/(?!core/))" },
    },
    {
      name: "agents-do-not-know-channels",
      severity: "error",
      from: { path: "^agents/" },
      to: { path: "^channels/" },
    },
    {
      name: "nothing-imports-the-composition-root",
      severity: "error",
      from: { path: "^(agents|tools|channels|knowledge|src/(?!app/))" },
      to: { path: "^src/app/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(node_modules|\\.test\\.ts$)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
