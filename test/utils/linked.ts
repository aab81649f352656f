import hre from "hardhat";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseContract } from "ethers";

/**
 * Deploys `name` with every library it links, each library deployed with the libraries it links in turn (the subnet
 * contract links `SubnetEpochs`, which links `YumaEpoch`), once per library.
 */
export async function deployLinked(
  ethers: HardhatEthers,
  name: string,
  args: unknown[] = [],
  deployed: Map<string, string> = new Map(),
): Promise<BaseContract> {
  return ethers.deployContract(name, args, { libraries: await linkedLibraries(ethers, name, deployed) });
}

async function linkedLibraries(ethers: HardhatEthers, name: string, deployed: Map<string, string>) {
  const artifact = await hre.artifacts.readArtifact(name);
  const libraries: Record<string, string> = {};
  for (const [source, names] of Object.entries(artifact.linkReferences)) {
    for (const library of Object.keys(names)) {
      // Link references name sources from the project's root ("project/contracts/..."), artifacts without it.
      const fullName = `${source.replace(/^project\//, "")}:${library}`;
      if (!deployed.has(fullName)) {
        const contract = await deployLinked(ethers, fullName, [], deployed);
        deployed.set(fullName, await contract.getAddress());
      }
      libraries[library] = deployed.get(fullName)!;
    }
  }
  return libraries;
}
