import { ZeroAddress } from "ethers";
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
  /** The account that signs; the zero address when the client only reads. */
  account: string;
  /**
   * Why the client only reads, if it does: the network has no key configured ("no key"), or no `--network` was
   * given and the chain is the in-process one, which ends with the command ("ephemeral"). A write then says so.
   */
  readOnly: false | "no key" | "ephemeral";
  close(): Promise<void>;
}

/** The configuration variable the network needs and does not have, from Hardhat's error; undefined for any other. */
function missingVariable(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : "";
  // Hardhat's own wording, or the keystore's (its development keystore when run under tests).
  return /(?:Configuration Variable|Key) "([^"]+)" not found/.exec(text)?.[1];
}

/**
 * The connection to `--network`. A network whose signing key is not configured (the `remote` network without
 * `PRIVATE_KEY`) is opened without accounts: reads need no key, and a write then says which one to set.
 */
export async function connectNetwork(
  hre: HardhatRuntimeEnvironment,
): Promise<{ connection: NetworkConnection; readOnly: false | "no key" }> {
  const connection = await hre.network.getOrCreate();
  try {
    // Hardhat resolves a network's configuration variables on its first request.
    await connection.ethers.provider.send("eth_chainId", []);
    return { connection, readOnly: false };
  } catch (error) {
    const variable = missingVariable(error);
    if (variable === undefined || variable === "RPC_URL") {
      await connection.close();
      throw error;
    }
    const reader = await hre.network.create({ network: hre.globalOptions.network, override: { accounts: [] } });
    return { connection: reader, readOnly: "no key" };
  }
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
  const connected = await connectNetwork(hre);
  const { connection } = connected;
  // Without `--network` the chain is the in-process one, gone when the command ends: a write there would print
  // success and leave nothing. It reads (an empty protocol); `--network hardhat` writes to it on purpose.
  const readOnly =
    connected.readOnly ||
    (connection.networkConfig.type === "edr-simulated" && hre.globalOptions.network === undefined
      ? "ephemeral"
      : false);
  try {
    const [signer] = readOnly ? [] : await connection.ethers.getSigners();
    if (!signer && !readOnly) {
      throw new CliError(`The network "${connection.networkName}" has no account to sign with.`);
    }
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
      client: createClient({ runner: signer ?? connection.ethers.provider, deployment, ipfs }),
      connection,
      account: signer ? await signer.getAddress() : ZeroAddress,
      readOnly,
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
