import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { deployProtocol } from "../../deploy/protocol.js";
import {
  createClient,
  createEmbeddedIpfs,
  checkDeployment,
  createKuboIpfs,
  deploymentFile,
  readDeployment,
  type Client,
  type IpfsBackend,
} from "../../sdk/src/index.js";
import { CliError } from "./output.js";

/** Where the embedded IPFS node keeps its blocks unless `IPFS_DIR` says otherwise. */
export const DEFAULT_IPFS_DIR = ".ipfs";

/**
 * The IPFS backend a command uses: a Kubo RPC endpoint when `--ipfs <url>` or `IPFS_API` names one, else the
 * embedded node in `IPFS_DIR` (default `.ipfs`).
 */
export async function openIpfs(endpoint: string): Promise<IpfsBackend> {
  const url = endpoint || process.env.IPFS_API;
  if (url) return createKuboIpfs(url);
  return createEmbeddedIpfs({ directory: process.env.IPFS_DIR ?? DEFAULT_IPFS_DIR });
}

/** An SDK client for the network the command runs on, and what it was built from. */
export interface CommandContext {
  client: Client;
  connection: NetworkConnection;
  account: string;
  close(): Promise<void>;
}

/**
 * Connects to `--network`, loads the protocol's addresses from `deployments/<network>.json` (on the
 * in-process chain, which starts empty, it deploys the protocol first), and opens IPFS when `ipfs` is a Kubo
 * URL or "" (the default node; see `openIpfs`). Commands open it through their scope (run.ts), which closes it.
 */
export async function openContext(
  hre: HardhatRuntimeEnvironment,
  options: { ipfs?: string | false } = {},
): Promise<CommandContext> {
  const connection = await hre.network.getOrCreate();
  try {
    const [signer] = await connection.ethers.getSigners();
    if (!signer) throw new CliError(`The network "${connection.networkName}" has no account to sign with.`);
    const file = deploymentFile(connection.networkName);
    const deployment =
      connection.networkConfig.type === "edr-simulated" ? await deployProtocol(connection) : await readDeployment(file);
    // Before anything is read or sent: addresses from another chain (a restarted node) would decode as nothing, and
    // a write would spend a nonce on them.
    if (connection.networkConfig.type !== "edr-simulated") {
      await checkDeployment(connection.ethers.provider, deployment, file);
    }
    const ipfs = options.ipfs === undefined || options.ipfs === false ? undefined : await openIpfs(options.ipfs);
    return {
      client: createClient({ runner: signer, deployment, ipfs }),
      connection,
      account: await signer.getAddress(),
      close: async () => {
        await ipfs?.close();
        await connection.close();
      },
    };
  } catch (error) {
    // Nothing was handed out to close: close the connection here.
    await connection.close();
    throw error;
  }
}
