import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

// Layers are folders and imports point one way (see ../shared/STYLE.md): the engine is pure calculation.
const engineRestrictions = {
  patterns: [
    {
      group: ["**/functions/**", "**/workbook/**", "**/taskpane/**", "**/cli/**"],
      message: "src/engine imports nothing from outer layers.",
    },
    {
      group: ["exceljs", "react", "react-dom", "@fluentui/*", "office-addin-*", "fs", "node:*", "path"],
      message: "src/engine is pure TypeScript: no I/O, Excel or UI.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "lib/",
      "out/",
      "coverage/",
      "test-artifacts/",
      "bin/",
      "*.config.js",
      "webpack.config.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": ["error", engineRestrictions],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/workbook/**", "**/taskpane/**", "**/cli/**", "exceljs"],
              message: "functions/ are thin adapters over the engine.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/workbook/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/taskpane/**", "**/cli/**"], message: "workbook/ does not depend on UI or CLI." },
          ],
        },
      ],
    },
  },
  {
    files: ["bench/**/*.ts", "test/**/*.ts", "test/**/*.tsx", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
