import { emptyTask } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NewTaskDefinitionBuilder } from "hardhat/types/tasks";

import { protocolCommands } from "./declarations/protocol.js";
import { registryCommands } from "./declarations/registry.js";
import { offeringCommands } from "./declarations/offering.js";
import { revenueCommands } from "./declarations/revenue.js";
import { governanceCommands } from "./declarations/governance.js";
import { subnetCommands } from "./declarations/subnets.js";
import { emissionCommands } from "./declarations/emission.js";
import { marketCommands } from "./declarations/market.js";
import { curveCommands } from "./declarations/curve.js";

// Every CLI command is a Hardhat task whose action lives in scripts/commands/, loaded only when run. Its arguments
// are declared once, in ./declarations/ by group: the CLI parses them, and the command's action is typed from them (`CommandArgs`).
// Shared options: --json prints machine-readable output; --ipfs <url> uses a Kubo RPC endpoint instead of
// the embedded node.
//
// The conventions every command keeps: what it acts on comes first, as positional arguments; a recipient is
// `--to`; `--undo` reverses what the command does; `--dry-run` sends nothing. A former spelling that people may
// rely on stays as an alias: a task of the same arguments and action, or an argument the action folds in.

type Action = (args: never, hre: HardhatRuntimeEnvironment) => Promise<void>;

/**
 * A command's lazy action that first makes sure the build is current: the SDK imports the TypeChain bindings
 * that the build writes, so they must exist (and match the contracts) before the command module loads. The
 * build runs only when they are missing or older than a contract, so that commands run side by side (a
 * script, a keeper) do not rebuild at the same time.
 */
function afterBuild(load: () => Promise<{ default: Action }>) {
  return async () => ({
    default: async (args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) => {
      if (await bindingsStale(hre.config.paths.root))
        await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
      const { default: action } = await load();
      await action(args as never, hre);
    },
  });
}

async function bindingsStale(root: string): Promise<boolean> {
  const { readdir, stat } = await import("node:fs/promises");
  const path = await import("node:path");
  const built = await stat(path.join(root, "types", "typechain", "index.ts")).catch(() => undefined);
  if (!built) return true;
  const entries = await readdir(path.join(root, "contracts"), { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".sol")) continue;
    if ((await stat(path.join(entry.parentPath, entry.name))).mtimeMs > built.mtimeMs) return true;
  }
  return false;
}

/** The groups the commands sit in (`npx hardhat gov` lists its commands). */
const groups: [string, string][] = [
  ["protocol", "Deploy and inspect the protocol"],
  ["model", "Register, publish, inspect and pull models"],
  ["imo", "Launch and take part in Initial Model Offerings"],
  ["market", "Show a model token's pool and swap against it"],
  ["curve", "Trade on a model's bonding curve, graduate it into its pool, collect its fees, reclaim its tokens"],
  ["revenue", "Deposit, claim and redeem a model token's revenue, or exclude your tokens from it"],
  ["gov", 'Run a model\'s DAO (or, as slug "protocol", the protocol DAO): delegate, propose, vote, queue, execute'],
  ["subnet", "Create and take part in subnets: register, stake, set weights, run epochs, claim"],
  ["subnet weights", "Commit and reveal a validator's weights"],
  ["subnet candidate", "Publish, show and pull miners' model candidates (weights on IPFS)"],
  ["subnet bounty", "Fund a bound subnet's bounty escrow, or claim the bounties your coldkey was credited"],
  ["emission", "Split the protocol token's emission across subnets by vote: show, vote, refresh, distribute"],
  ["chain", "Local development chain helpers"],
];

/**
 * Every command with its arguments, declared by group in ./declarations/; the key is the command as it is typed,
 * and its task's id.
 */
const declarations = {
  ...protocolCommands,
  ...registryCommands,
  ...offeringCommands,
  ...marketCommands,
  ...curveCommands,
  ...revenueCommands,
  ...governanceCommands,
  ...subnetCommands,
  ...emissionCommands,
};

/** A command as it is typed: "gov vote", "subnet weights commit". */
export type CommandId = keyof typeof declarations;

/** The arguments a task's builder declares: one field per argument and option. */
type ArgumentsOf<Builder> =
  Builder extends NewTaskDefinitionBuilder<infer Args, infer _> ? { [K in keyof Args]: Args[K] } : never;

/** The arguments a command's action receives, as its task declares them. */
export type CommandArgs<Id extends CommandId> = ArgumentsOf<(typeof declarations)[Id]>;

/** A command's action, as Hardhat calls it. */
export type CommandAction<Id extends CommandId> = (
  args: CommandArgs<Id>,
  hre: HardhatRuntimeEnvironment,
) => Promise<void>;

/**
 * Where each command's action lives; an alias shares its command's. The types hold each module to the arguments
 * of every command it serves (an alias is declared by the same function as its command).
 */
const actions: {
  [Id in CommandId]: () => Promise<{
    default: (args: ArgumentsOf<(typeof declarations)[Id]>, hre: HardhatRuntimeEnvironment) => Promise<void>;
  }>;
} = {
  "protocol deploy": () => import("../commands/protocol-deploy.js"),
  "model register": () => import("../commands/model-register.js"),
  "model publish": () => import("../commands/model-publish.js"),
  "model show": () => import("../commands/model-show.js"),
  "model versions": () => import("../commands/model-versions.js"),
  "model pull": () => import("../commands/model-pull.js"),
  "model deprecate": () => import("../commands/model-deprecate.js"),
  "model publisher": () => import("../commands/model-publisher.js"),
  "imo launch": () => import("../commands/imo-launch.js"),
  "imo cancel": () => import("../commands/imo-cancel.js"),
  "imo list": () => import("../commands/imo-list.js"),
  "imo show": () => import("../commands/imo-show.js"),
  "imo quote": () => import("../commands/imo-quote.js"),
  "imo buy": () => import("../commands/imo-buy.js"),
  "imo finalize": () => import("../commands/imo-finalize.js"),
  "imo settle": () => import("../commands/imo-settle.js"),
  "imo claim": () => import("../commands/imo-settle.js"),
  "imo sweep": () => import("../commands/imo-sweep.js"),
  "imo pay-fee": () => import("../commands/imo-pay-fee.js"),
  "market show": () => import("../commands/market-show.js"),
  "market swap": () => import("../commands/market-swap.js"),
  "curve show": () => import("../commands/curve-show.js"),
  "curve quote": () => import("../commands/curve-quote.js"),
  "curve buy": () => import("../commands/curve-buy.js"),
  "curve sell": () => import("../commands/curve-sell.js"),
  "curve graduate": () => import("../commands/curve-graduate.js"),
  "curve collect-fees": () => import("../commands/curve-collect-fees.js"),
  "curve reclaim": () => import("../commands/curve-reclaim.js"),
  "curve withdraw": () => import("../commands/curve-withdraw.js"),
  "revenue deposit": () => import("../commands/revenue-deposit.js"),
  "revenue claim": () => import("../commands/revenue-claim.js"),
  "revenue show": () => import("../commands/revenue-show.js"),
  "revenue exclude": () => import("../commands/revenue-exclude.js"),
  "revenue redeem": () => import("../commands/revenue-redeem.js"),
  portfolio: () => import("../commands/portfolio.js"),
  "gov delegate": () => import("../commands/gov-delegate.js"),
  delegate: () => import("../commands/gov-delegate.js"),
  "gov propose": () => import("../commands/gov-propose.js"),
  "gov list": () => import("../commands/gov-list.js"),
  "gov show": () => import("../commands/gov-show.js"),
  "gov vote": () => import("../commands/gov-vote.js"),
  "gov vote-by-sig": () => import("../commands/gov-vote-by-sig.js"),
  "gov relay": () => import("../commands/gov-relay.js"),
  "gov queue": () => import("../commands/gov-queue.js"),
  "gov execute": () => import("../commands/gov-execute.js"),
  "gov cancel": () => import("../commands/gov-cancel.js"),
  "subnet create": () => import("../commands/subnet-create.js"),
  "subnet show": () => import("../commands/subnet-show.js"),
  "subnet register": () => import("../commands/subnet-register.js"),
  "subnet stake": () => import("../commands/subnet-stake.js"),
  "subnet unstake": () => import("../commands/subnet-unstake.js"),
  "subnet withdraw": () => import("../commands/subnet-withdraw.js"),
  "subnet weights commit": () => import("../commands/subnet-weights-commit.js"),
  "subnet weights reveal": () => import("../commands/subnet-weights-reveal.js"),
  "subnet weights set": () => import("../commands/subnet-weights-set.js"),
  "subnet take": () => import("../commands/subnet-take.js"),
  "subnet epoch": () => import("../commands/subnet-epoch.js"),
  "subnet claim": () => import("../commands/subnet-claim.js"),
  "subnet metagraph": () => import("../commands/subnet-metagraph.js"),
  "subnet candidate publish": () => import("../commands/subnet-candidate-publish.js"),
  "subnet candidate show": () => import("../commands/subnet-candidate-show.js"),
  "subnet candidate pull": () => import("../commands/subnet-candidate-pull.js"),
  "subnet promotion": () => import("../commands/subnet-promotion.js"),
  "subnet promote": () => import("../commands/subnet-promote.js"),
  "subnet bind": () => import("../commands/subnet-bind.js"),
  "subnet revoke": () => import("../commands/subnet-revoke.js"),
  "subnet bounty fund": () => import("../commands/subnet-bounty-fund.js"),
  "subnet bounty claim": () => import("../commands/subnet-bounty-claim.js"),
  "subnet declare-parent": () => import("../commands/subnet-declare-parent.js"),
  "emission show": () => import("../commands/emission-show.js"),
  "emission vote": () => import("../commands/emission-vote.js"),
  "emission refresh": () => import("../commands/emission-refresh.js"),
  "emission distribute": () => import("../commands/emission-distribute.js"),
  "chain advance": () => import("../commands/chain-advance.js"),
  "model hash": () => import("../commands/model-hash.js"),
};

export const cliTasks = [
  ...groups.map(([id, description]) => emptyTask(id.split(" "), description).build()),
  ...(Object.keys(declarations) as CommandId[]).map((id) => {
    const builder: NewTaskDefinitionBuilder = declarations[id];
    const definition = builder.setAction(afterBuild(actions[id])).build();
    if (definition.id.join(" ") !== id)
      throw new Error(`The command "${id}" declares the task "${definition.id.join(" ")}".`);
    return definition;
  }),
];
