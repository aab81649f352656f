import type { NetworkConnection } from "hardhat/types/network";

import { deploymentFile, writeDeployment, type Deployment } from "../sdk/src/deployments.js";
import ProtocolModule from "./modules/Protocol.js";

/** Options of {@link deployProtocol}. */
export interface DeployProtocolOptions {
  /** Write `deployments/<network>.json` for the SDK and CLI; off for the in-process chain, which vanishes. */
  record?: boolean;
  /** Show Ignition's progress display. */
  displayUi?: boolean;
  /** Ignition parameters, e.g. `{ Protocol: { feeBps: 100, feeRecipient: "0x..." } }`. */
  parameters?: Record<string, Record<string, unknown>>;
}

/**
 * Deploys (or resumes deploying) the protocol on the connection's chain with Hardhat Ignition, and records the
 * addresses where the SDK and the CLI look for them.
 *
 * Ignition keeps its journal per chain under `deploy/deployments/<id>`, so an interrupted deployment resumes
 * and a finished one is not repeated. Development nodes (chain 31337) start empty on every run, so their
 * journal is keyed by the node's genesis block as well, and a restarted node gets a fresh deployment.
 */
export async function deployProtocol(connection: NetworkConnection, options: DeployProtocolOptions = {}): Promise<Deployment> {
  const { ethers, ignition, networkName } = connection;
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const startBlock = await ethers.provider.getBlockNumber();
  let deploymentId = `chain-${chainId}`;
  if (chainId === 31337) {
    const genesis = await ethers.provider.getBlock(0);
    deploymentId += `-${genesis!.hash!.slice(2, 10)}`;
  }
  const { registry, factory } = await ignition.deploy(ProtocolModule, {
    deploymentId,
    displayUi: options.displayUi ?? false,
    parameters: options.parameters as never,
  });
  const deployment: Deployment = {
    chainId,
    network: networkName,
    contracts: {
      ModelRegistry: { address: await registry.getAddress(), blockNumber: startBlock },
      ModelLaunchFactory: { address: await factory.getAddress(), blockNumber: startBlock },
    },
  };
  if (options.record ?? connection.networkConfig.type !== "edr-simulated") {
    await writeDeployment(deploymentFile(networkName), deployment);
  }
  return deployment;
}
