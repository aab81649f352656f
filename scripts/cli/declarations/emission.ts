import { define, jsonFlag } from "./define.js";

// The arguments of the network emission (see ../tasks.ts).

/** Every command of the group with its arguments; the key is the command as it is typed, and its task's id. */
export const emissionCommands = {
  "emission show": define(
    "emission show",
    "Show the network emission: period, release, reserve, settings, and each subnet's votes, share and activity",
  ).addFlag(jsonFlag),
  "emission vote": define(
    "emission vote",
    "Allocate your protocol token votes across subnets, from the next period on (or withdraw them with --clear)",
  )
    .addPositionalArgument({
      name: "allocation",
      description: "netuid:percent pairs, e.g. 1:70,2:30: percent of your votes, two decimals at most, 100 in all",
      defaultValue: "",
    })
    .addFlag({ name: "clear", description: "Withdraw your votes from every subnet" })
    .addFlag(jsonFlag),
  "emission refresh": define(
    "emission refresh",
    "Bring a voter's weight to its voting power now, from the next period on (anyone may, on anyone)",
  )
    .addPositionalArgument({ name: "voter", description: "The voter's address", defaultValue: "" })
    .addFlag({ name: "stale", description: "Refresh every voter whose power differs from the power its weight counts" })
    .addFlag(jsonFlag),
  "emission distribute": define(
    "emission distribute",
    "Put this period's shares into subnets' reward pools, in one transaction (anyone may)",
  )
    .addVariadicArgument({
      name: "netuids",
      description: "The subnets (default: every subnet with a share that is active and not yet distributed)",
      defaultValue: [],
    })
    .addFlag(jsonFlag),
};
