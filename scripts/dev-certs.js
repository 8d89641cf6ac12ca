#!/usr/bin/env node
/* eslint-disable */
/**
 * `npm start` runs this in the foreground before office-addin-debugging starts the dev server detached (with no
 * terminal and its output discarded): the development certificate is checked, or installed where someone can
 * answer the prompts, and a missing one stops `npm start` with the fix instead of a silent 30-second wait.
 */
const { devHttpsOptions } = require("../webpack.config.js");

devHttpsOptions().then(
  () => console.log("mtfs-benefits: development certificate ready for https://localhost:3000"),
  (err) => {
    console.error(err.message);
    process.exit(2);
  },
);
