import { expect } from "chai";
import { network } from "hardhat";

import { deployProtocol } from "../../deploy/protocol.js";
import { checkDeployment, DeploymentError, type Deployment } from "../../sdk/src/index.js";

const connection = await network.connect();
const { ethers, networkHelpers } = connection;

async function deployed() {
  await networkHelpers.mine(5);
  const before = await ethers.provider.getBlockNumber();
  const deployment = await deployProtocol(connection, { record: false });
  return { before, deployment };
}

/** The sentence a stale deployments file gets, whatever the reason. */
async function refusal(deployment: Deployment): Promise<DeploymentError> {
  try {
    await checkDeployment(ethers.provider, deployment, "deployments/localhost.json");
  } catch (error) {
    expect(error).to.be.instanceOf(DeploymentError);
    return error as DeploymentError;
  }
  throw new Error("the deployment was not refused");
}

describe("Deployments files", function () {
  it("record the chain's block 0 and each contract's creation block", async function () {
    const { before, deployment } = await networkHelpers.loadFixture(deployed);
    expect(deployment.genesisHash).to.equal((await ethers.provider.getBlock(0))!.hash);
    for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
      expect(blockNumber, name).to.be.greaterThan(before);
      expect(await ethers.provider.getCode(address, blockNumber), name).to.not.equal("0x");
      expect(await ethers.provider.getCode(address, blockNumber - 1), name).to.equal("0x");
    }
  });

  it("pass the check on the chain they were written on", async function () {
    const { deployment } = await networkHelpers.loadFixture(deployed);
    await checkDeployment(ethers.provider, deployment, "deployments/localhost.json");
  });

  it("from a restarted node (another block 0) are refused by name, before anything is sent", async function () {
    const { deployment } = await networkHelpers.loadFixture(deployed);
    const error = await refusal({ ...deployment, genesisHash: `0x${"ab".repeat(32)}` });
    expect(error.message).to.include(
      "The deployment in deployments/localhost.json is from another chain: run `protocol deploy`.",
    );
  });

  it("for another chain id, or whose registry has no code here, are refused the same way", async function () {
    const { deployment } = await networkHelpers.loadFixture(deployed);
    expect((await refusal({ ...deployment, chainId: 1 })).message).to.include("is from another chain");
    const { genesisHash: _, ...older } = deployment;
    const moved = {
      ...older,
      contracts: {
        ...deployment.contracts,
        ModelRegistry: { address: ethers.Wallet.createRandom().address, blockNumber: 1 },
      },
    };
    const error = await refusal(moved);
    expect(error.message).to.include("is from another chain");
    expect(error.details).to.include("ModelRegistry has no code");
  });
});
