import { readFile } from "node:fs/promises";

import type { SubnetHyperparameters } from "../../sdk/src/index.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { units } from "../cli/subnet.js";

export default command<"subnet create">(async (args, scope) => {
  if (!args.stakeToken || !args.rewardToken) {
    throw new CliError(
      "A subnet needs a stake token and a reward token.",
      "Add --stake-token <address> --reward-token <address>.",
    );
  }
  const hyperparameters = args.params ? await readParams(args.params) : undefined;
  const context = await scope.open({ ipfs: args.ipfs });
  const { result, receipt } = await context.client.subnets.createSubnet({
    stakeToken: args.stakeToken,
    rewardToken: args.rewardToken,
    ownerHotkey: args.ownerHotkey || undefined,
    hyperparameters,
    card: { name: args.name || "Unnamed subnet", ...(args.description ? { description: args.description } : {}) },
  });
  const p = result.subnet.hyperparameters;
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Created subnet ${result.subnet.netuid}, owned by ${result.subnet.owner}.`,
      fields([
        ["Stake token", `${result.subnet.stakeToken.symbol} ${result.subnet.stakeToken.address}`],
        ["Reward token", `${result.subnet.rewardToken.symbol} ${result.subnet.rewardToken.address}`],
        ["Creation fee", result.fee > 0n ? units(result.fee, result.feeToken) : "none"],
        ["Tempo", `${p.tempo} blocks per epoch, ${units(p.emission, result.subnet.rewardToken)} each`],
        ["UIDs", `up to ${p.maxUids}, ${p.maxValidators} validators`],
        transactionEntry(receipt),
      ]),
      `Miners and validators join with: npx hardhat subnet register ${result.subnet.netuid}`,
    ].join("\n"),
  );
});

async function readParams(file: string): Promise<Partial<SubnetHyperparameters>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new CliError(
      `${file} is not a JSON file of hyperparameters.`,
      'Write e.g. { "tempo": 100, "emission": "1000000000000000000" }.',
      { cause },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new CliError(`${file} must hold a JSON object of hyperparameters.`);
  return parsed as Partial<SubnetHyperparameters>;
}
