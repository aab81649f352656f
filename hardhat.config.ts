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

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: cliTasks,
  solidity: {
    profiles: { default: compiler, production: compiler },
  },
  paths: { tests: { mocha: "test", solidity: "test" }, ignition: "deploy" },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // Any EVM chain: `RPC_URL` and `PRIVATE_KEY` come from the Hardhat keystore or the environment.
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("RPC_URL"),
      accounts: [configVariable("PRIVATE_KEY")],
    },
  },
  typechain: { outDir: "types/typechain" },
});
