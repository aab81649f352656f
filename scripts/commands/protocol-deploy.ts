import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { deployProtocol } from "../../deploy/protocol.js";
import { deploymentFile } from "../../sdk/src/index.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  json: boolean;
}

export default async function protocolDeploy(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const connection = await hre.network.getOrCreate();
    try {
      const deployment = await deployProtocol(connection, { displayUi: !args.json });
      print(args.json, deployment, () =>
        fields([
          ["Network", `${deployment.network} (chain ${deployment.chainId})`],
          ["ModelRegistry", deployment.contracts.ModelRegistry.address],
          ["Recorded in", connection.networkConfig.type === "edr-simulated" ? "(in-process chain: not recorded)" : deploymentFile(deployment.network)],
        ]),
      );
    } finally {
      await connection.close();
    }
  });
}
