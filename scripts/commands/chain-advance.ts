import { formatDuration, toSeconds } from "../../sdk/src/index.js";
import { localTime } from "../cli/governance.js";
import { CliError, fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";

/** Moves a local development chain's clock forward and mines a block; refused on any other chain. */
export default command<"chain advance">(async (args, scope) => {
  if (!/^\d+\s*[smhdw]?$/.test(args.duration.trim())) {
    throw new CliError(
      `"${args.duration}" is not a duration.`,
      'Write seconds, or a number with a unit: "90s", "10m", "12h", "5d", "1w".',
    );
  }
  const seconds = toSeconds(args.duration.trim());
  const connection = await scope.connect();
  const provider = connection.ethers.provider;
  const chainId = Number((await provider.getNetwork()).chainId);
  const isDevChain =
    chainId === 31337 &&
    (await provider.send("hardhat_metadata", []).then(
      () => true,
      () => false,
    ));
  if (!isDevChain) {
    throw new CliError(
      `The network "${connection.networkName}" (chain ${chainId}) is not a local development chain: its clock cannot be moved.`,
      "Use it on a hardhat node (--network localhost) or the in-process chain.",
    );
  }
  await provider.send("evm_increaseTime", [seconds]);
  await provider.send("evm_mine", []);
  const block = (await provider.getBlock("latest"))!;
  const now = new Date(block.timestamp * 1000);
  print(args.json, { advanced: seconds, block: block.number, timestamp: block.timestamp, time: now }, () =>
    [
      `Moved the chain's clock forward by ${formatDuration(seconds)} and mined block ${block.number}.`,
      fields([["Chain time", localTime(now)]]),
    ].join("\n"),
  );
});
