import { define, jsonFlag } from "./define.js";

// The arguments of the protocol's deployment and the local chain's helpers (see ../tasks.ts).

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const protocolCommands = {
  "protocol deploy": define(
    "protocol deploy",
    "Deploy the protocol (resumable) and record its addresses in deployments/<network>.json",
  )
    .addOption({
      name: "parameters",
      description: "Ignition parameters (JSON); default deploy/parameters/<network>.json when present",
      defaultValue: "",
    })
    .addFlag(jsonFlag),
  "chain advance": define(
    "chain advance",
    "Move a local development chain's clock forward and mine a block (chain 31337 only)",
  )
    .addPositionalArgument({ name: "duration", description: "Seconds, or e.g. 10m, 12h, 5d, 1w" })
    .addFlag(jsonFlag),
};
