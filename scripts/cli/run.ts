import { SdkError, DeploymentError, ContractRevertError } from "../../sdk/src/index.js";
import { CliError } from "./output.js";

/**
 * Runs a command's body and turns any failure into one plain sentence plus a suggestion on stderr, with exit
 * code 1. This is the only place the CLI catches errors, so every command fails the same way.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const { message, suggestion } = explain(error);
    console.error(`Error: ${message}`);
    // A list (one problem per line) is printed as it is; a single suggestion as a hint.
    if (suggestion) console.error(suggestion.startsWith("- ") ? suggestion : `Hint: ${suggestion}`);
    if (process.env.DEBUG_CLI) console.error(error);
    process.exitCode = 1;
  }
}

function explain(error: unknown): { message: string; suggestion?: string } {
  if (error instanceof CliError) return { message: error.message, suggestion: error.suggestion };
  if (error instanceof DeploymentError) return { message: error.shortMessage, suggestion: error.details };
  if (error instanceof ContractRevertError) return { message: error.shortMessage };
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
  if (code === "ENOENT") return { message: `No such file or directory: ${(error as { path?: string }).path ?? text}.` };
  // Hardhat's own errors start with their code ("HHE123: ..."): keep the sentence, drop the code.
  return { message: text.split("\n")[0].replace(/^HHE\d+: /, "") };
}
