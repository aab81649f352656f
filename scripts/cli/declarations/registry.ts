import { ArgumentType } from "hardhat/types/arguments";

import { define, ipfsOption, jsonFlag } from "./define.js";

// The arguments of the registry's commands: models, versions, publishers, pulls and CIDs (see ../tasks.ts).

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const registryCommands = {
  "model register": define("model register", "Register a model under a slug, with its model card on IPFS")
    .addPositionalArgument({ name: "slug", description: "3-64 of a-z, 0-9 and '-'" })
    .addOption({ name: "license", description: "SPDX licence id, e.g. MIT", defaultValue: "" })
    .addOption({ name: "card", description: 'Model card JSON file (needs a "name")', defaultValue: "" })
    .addOption({ name: "name", description: "Display name, when no --card is given", defaultValue: "" })
    .addOption({ name: "description", description: "Description, when no --card is given", defaultValue: "" })
    .addFlag({
      name: "commitReveal",
      description: "Commit first and reveal a minute later, so the slug cannot be copied from the mempool (resumable)",
    })
    .addOption({
      name: "commitmentsFile",
      description: "Where the commitment's secret is kept (with --commit-reveal)",
      defaultValue: "",
    })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "model publish": define(
    "model publish",
    "Upload a weights directory (or file) to IPFS and publish it as a new version of a model",
  )
    .addPositionalArgument({ name: "slug", description: "Slug of the model" })
    .addPositionalArgument({ name: "dir", description: "Directory or file with the weights", defaultValue: "" })
    .addOption({
      name: "model",
      description: "The former spelling, the directory first: model publish <dir> --model <slug>",
      defaultValue: "",
    })
    .addOption({ name: "tag", description: "Version tag, unique within the model (e.g. v1.0.0)", defaultValue: "" })
    .addOption({ name: "parent", description: "Version it derives from, as <slug>@<tag>", defaultValue: "" })
    .addOption({ name: "configFile", description: "Configuration file or its CID", defaultValue: "" })
    .addOption({ name: "datasets", description: "Comma-separated dataset CIDs (provenance)", defaultValue: "" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "model show": define("model show", "Show a model: owner, licence, card, latest version and its lineage")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "model versions": define("model versions", "List a model's versions as a table")
    .addPositionalArgument({ name: "slug" })
    .addFlag(jsonFlag),
  "model pull": define("model pull", "Download a version's weights, verified block by block against the CID on chain")
    .addPositionalArgument({ name: "ref", description: "<slug> for the latest version, or <slug>@<tag>" })
    .addPositionalArgument({ name: "dir", description: "Destination (must not exist)" })
    .addOption(ipfsOption)
    .addFlag(jsonFlag),
  "model deprecate": define("model deprecate", "Deprecate a version with a reason (or lift it with --undo)")
    .addPositionalArgument({ name: "ref", description: "<slug>@<tag>" })
    .addOption({ name: "reason", description: "Why, shown to everyone (1-280 bytes)", defaultValue: "" })
    .addFlag({ name: "undo", description: "Lift the deprecation instead" })
    .addFlag(jsonFlag),
  "model publisher": define(
    "model publisher",
    "Allow an account to publish versions of a model (or revoke it with --undo)",
  )
    .addPositionalArgument({ name: "slug" })
    .addPositionalArgument({ name: "account" })
    .addFlag({ name: "undo", description: "Revoke instead of grant" })
    .addFlag({ name: "revoke", description: "The same as --undo (its former name)" })
    .addFlag(jsonFlag),
  "model hash": define("model hash", "Print the CID of a file or directory without storing anything")
    .addPositionalArgument({ name: "path" })
    .addOption({ name: "cidVersion", description: "0 or 1", defaultValue: "1", type: ArgumentType.STRING })
    .addFlag(jsonFlag),
};
