import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { cliTasks } from "./scripts/cli/tasks.js";

// The compiler is the exact `solc` npm package (wasm) from package.json: Hardhat never downloads one.
const require = createRequire(import.meta.url);
const solcPath = require.resolve("solc/soljson.js");
const solcVersion = (require("solc/package.json") as { version: string }).version;
const compiler = {
  version: solcVersion,
  path: solcPath,
  settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "cancun" },
};

// The model token carries an ERC-20, permit, votes and revenue sharing: optimised for fewer runs, it stays
// under the 24 KiB code limit (EIP-170). Its transfer path is written for gas, not left to the optimizer.
const modelTokenCompiler = { ...compiler, settings: { ...compiler.settings, optimizer: { enabled: true, runs: 500 } } };
// Solidity compiles each root file with everything it imports under one setting: the Solidity tests that deploy the
// model token take its setting too, so that they test the token as it is deployed (and no build warns of a token
// over the limit that is never deployed).
const modelTokenTests = [
  "test/governance/ModelGovernorSale.t.sol",
  "test/offering/ModelLaunchFactory.t.sol",
  "test/offering/ModelOffering.t.sol",
  "test/offering/ModelOfferingShortfall.t.sol",
  "test/revenue/RevenueInvariant.t.sol",
  "test/revenue/RevenueLimits.t.sol",
  "test/revenue/RevenueShare.t.sol",
];
const profile = {
  compilers: [compiler],
  overrides: Object.fromEntries(
    ["contracts/token/ModelToken.sol", ...modelTokenTests].map((file) => [file, modelTokenCompiler]),
  ),
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: cliTasks,
  solidity: {
    profiles: { default: profile, production: profile },
  },
  paths: { tests: { mocha: "test", solidity: "test" }, ignition: "deploy" },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1" },
    // `npx hardhat node`; LOCALHOST_URL points elsewhere (another port, a forked node).
    localhost: { type: "http", chainType: "l1", url: process.env.LOCALHOST_URL ?? "http://127.0.0.1:8545" },
    // Any EVM chain: `RPC_URL` and `PRIVATE_KEY` come from the Hardhat keystore or the environment.
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("RPC_URL"),
      accounts: [configVariable("PRIVATE_KEY")],
    },
  },
  typechain: { outDir: "types/typechain" },
  // Solidity tests: contracts under test/ with `test*` / `invariant*` functions, on test/utils/Test.sol.
  // Sized for CI on 2 cores; raise them locally, e.g. `FUZZ_RUNS=5000 INVARIANT_RUNS=256 npx hardhat test solidity`.
  // The fuzzer is seeded (Hardhat's fixed default seed unless FUZZ_SEED, a hex string, is set), so runs repeat.
  test: {
    solidity: {
      fuzz: {
        runs: Number(process.env.FUZZ_RUNS ?? 256),
        seed: process.env.FUZZ_SEED,
      },
      invariant: {
        runs: Number(process.env.INVARIANT_RUNS ?? 64),
        depth: Number(process.env.INVARIANT_DEPTH ?? 64),
      },
    },
  },
});
