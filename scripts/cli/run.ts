import type { NetworkConnection } from "hardhat/types/network";

import { SdkError, DeploymentError, ContractRevertError, SignerRequiredError } from "../../sdk/src/index.js";
import { openContext, type CommandContext } from "./context.js";
import { CliError, progressBar, setHintNetwork, withNetwork, type ProgressBar } from "./output.js";
import { stepBar, type StepBar } from "./subnet.js";
import type { CommandAction, CommandArgs, CommandId } from "./tasks.js";

/** What a command opens through: whatever it opened is closed, and its progress bars finished, when it ends. */
export interface CommandScope {
  /**
   * An SDK client on `--network` (see `openContext`), with IPFS when `ipfs` is a Kubo URL or "" (the default
   * node); without IPFS otherwise. Opened on the first call; later calls return the same.
   */
  open(options?: { ipfs?: string | false }): Promise<CommandContext>;
  /** The network connection alone, for commands that need no deployment (deploying one, moving a dev chain's clock). */
  connect(): Promise<NetworkConnection>;
  /** A progress bar over bytes on stderr, or none with `--json`. */
  progress(label: string): ProgressBar | undefined;
  /** A progress bar over an epoch's steps on stderr, or none with `--json`. */
  steps(label: string): StepBar | undefined;
}

/**
 * A command's action: its body gets the arguments its task declares (typed from the declaration in tasks.ts)
 * and a scope to open the network and IPFS through. Checks that need no network come before `scope.open()`,
 * so that a typo costs nothing. Failures are reported by `runCommand`.
 *
 * @example
 * export default command<"gov cancel">(async (args, scope) => {
 *   const { client } = await scope.open();
 *   const { result } = await client.governance.cancelProposal({ model: args.slug, proposal: args.proposal });
 *   print(args.json, result, () => `Cancelled proposal ${result.proposal}.`);
 * });
 */
export function command<Id extends CommandId>(
  body: (args: CommandArgs<Id>, scope: CommandScope) => Promise<void>,
): CommandAction<Id> {
  return async (args, hre) => {
    const json = (args as { json?: boolean }).json === true;
    const closing: (() => Promise<void>)[] = [];
    const bars: { done(): void }[] = [];
    let context: Promise<CommandContext> | undefined;
    let connection: Promise<NetworkConnection> | undefined;
    const bar = <B extends { done(): void }>(make: () => B): B | undefined => {
      if (json) return undefined;
      const made = make();
      bars.push(made);
      return made;
    };
    const scope: CommandScope = {
      open: (options = {}) =>
        (context ??= openContext(hre, options).then((opened) => {
          closing.push(() => opened.close());
          return opened;
        })),
      connect: () =>
        (connection ??= hre.network.getOrCreate().then((opened) => {
          closing.push(() => opened.close());
          return opened;
        })),
      progress: (label) => bar(() => progressBar(label)),
      steps: (label) => bar(() => stepBar(label)),
    };
    setHintNetwork((hre as { globalOptions?: { network?: string } }).globalOptions?.network);
    await runCommand(async () => {
      try {
        await body(args, scope);
      } catch (error) {
        const opened = await context?.catch(() => undefined);
        if (error instanceof SignerRequiredError && opened?.readOnly === "ephemeral") {
          throw new CliError(
            "Without --network this command would write to a throwaway in-process chain that ends with it.",
            "Start a node (npx hardhat node) and add --network localhost, or use --network remote; --network hardhat writes to the throwaway chain on purpose.",
          );
        }
        throw error;
      } finally {
        for (const b of bars) b.done();
        for (const close of closing.reverse()) await close();
      }
    });
  };
}

/**
 * Runs a command's body and turns any failure into one plain sentence plus a suggestion on stderr, with exit
 * code 1. This is the only place the CLI catches errors, so every command fails the same way.
 */
async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const { message, suggestion } = explain(error);
    console.error(`Error: ${withNetwork(message)}`);
    // A list (one problem per line) is printed as it is; a single suggestion as a hint.
    if (suggestion) console.error(withNetwork(suggestion.startsWith("- ") ? suggestion : `Hint: ${suggestion}`));
    if (process.env.DEBUG_CLI) console.error(error);
    process.exitCode = 1;
  }
}

function explain(error: unknown): { message: string; suggestion?: string } {
  if (error instanceof CliError) return { message: error.message, suggestion: error.suggestion };
  if (error instanceof DeploymentError) return { message: error.shortMessage, suggestion: error.details };
  if (error instanceof ContractRevertError) return { message: error.shortMessage };
  // A write on a network opened without a key (see connectNetwork).
  if (error instanceof SignerRequiredError) {
    return {
      message: `${error.shortMessage.split(":")[0]}, and the network has no key configured.`,
      suggestion:
        "Set one in Hardhat's encrypted keystore (npx hardhat keystore set PRIVATE_KEY) or the PRIVATE_KEY environment variable.",
    };
  }
  if (error instanceof SdkError) return { message: error.shortMessage, suggestion: error.details };
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | undefined)?.code;
  if (code === "ECONNREFUSED" || /ECONNREFUSED|fetch failed|connect ECONN|HHE703/.test(text)) {
    return {
      message: "The network could not be reached.",
      suggestion: "Start it (npx hardhat node) or check the RPC URL of the --network you chose.",
    };
  }
  if (code === "INSUFFICIENT_FUNDS" || /insufficient funds/i.test(text)) {
    return { message: "The account has too little ETH to pay for gas.", suggestion: "Fund it, then try again." };
  }
  if (code === "ACTION_REJECTED") return { message: "The transaction was rejected by the signer." };
  // A write the SDK sent straight to a contract on a network opened without a key: the runner cannot sign.
  if (code === "UNSUPPORTED_OPERATION" && /sending transactions/i.test(text)) {
    return {
      message: "This command signs a transaction, and the network has no key configured.",
      suggestion:
        "Set one in Hardhat's encrypted keystore (npx hardhat keystore set PRIVATE_KEY) or the PRIVATE_KEY environment variable.",
    };
  }
  if (code === "ENOENT") return { message: `No such file or directory: ${(error as { path?: string }).path ?? text}.` };
  // Hardhat's own errors start with their code ("HHE123: ..."): keep the sentence, drop the code.
  return { message: text.split("\n")[0].replace(/^HHE\d+: /, "") };
}
