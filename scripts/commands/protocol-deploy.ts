import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";

import { deployProtocol } from "../../deploy/protocol.js";
import { deploymentFile } from "../../sdk/src/index.js";
import { CliError, fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"protocol deploy">(async (args, scope) => {
  const connection = await scope.connect();
  // Per-network parameters (the protocol fee) from --parameters, else deploy/parameters/<network>.json.
  const file = args.parameters || `deploy/parameters/${connection.networkName}.json`;
  let parameters: Record<string, Record<string, unknown>> | undefined;
  if (args.parameters || existsSync(file)) {
    try {
      parameters = JSON.parse(await readFile(file, "utf8")) as Record<string, Record<string, unknown>>;
    } catch (cause) {
      throw new CliError(
        `The deployment parameters ${file} could not be read as JSON.`,
        'Write them as { "Protocol": { "feeBps": 100, "feeRecipient": "0x..." } }.',
        { cause },
      );
    }
  }
  const deployment = await deployProtocol(connection, { displayUi: !args.json, parameters });
  print(args.json, deployment, () =>
    fields([
      ["Network", `${deployment.network} (chain ${deployment.chainId})`],
      ["ModelRegistry", deployment.contracts.ModelRegistry.address],
      ["ModelLaunchFactory", deployment.contracts.ModelLaunchFactory.address],
      ["ProtocolToken", deployment.contracts.ProtocolToken?.address ?? ""],
      ["ProtocolGovernor", deployment.contracts.ProtocolGovernor?.address ?? ""],
      ["ProtocolTimelock", deployment.contracts.ProtocolTimelock?.address ?? ""],
      ["Subnets", deployment.contracts.Subnets?.address ?? ""],
      ["NetworkEmission", deployment.contracts.NetworkEmission?.address ?? ""],
      ["Promotion", deployment.contracts.Promotion?.address ?? ""],
      ["LiquidityLock", deployment.contracts.LiquidityLock?.address ?? ""],
      ["UniswapV2Router02", deployment.contracts.UniswapV2Router02?.address ?? ""],
      ["UniswapV2Factory", deployment.contracts.UniswapV2Factory?.address ?? ""],
      ["WETH9", deployment.contracts.WETH9?.address ?? ""],
      [
        "Parameters",
        parameters
          ? file
          : "defaults (no protocol fee; on a development chain, the protocol token split among the first accounts and the emission reserve)",
      ],
      [
        "Recorded in",
        connection.networkConfig.type === "edr-simulated"
          ? "(in-process chain: not recorded)"
          : deploymentFile(deployment.network),
      ],
    ]),
  );
});
