/**
 * The CLI's command table: every export here is a Command, listed by `mtfs-benefits --help` in
 * alphabetical order. Registering a command is this one line per command.
 */
export { calc } from "./calc";
export { demo } from "./demo";
export { newProposal } from "./new";
export { refresh } from "./refresh";
export { simulate } from "./simulate";
export { track } from "./track";
