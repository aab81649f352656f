import { task } from "hardhat/config";
import type { NewTaskDefinitionBuilder } from "hardhat/types/tasks";

// What every group's declarations share: a command's task and the options many commands take.

export const ipfsOption = {
  name: "ipfs",
  description:
    "Kubo RPC URL (e.g. http://127.0.0.1:5001); default: IPFS_API, else the embedded node in IPFS_DIR or .ipfs",
  defaultValue: "",
} as const;

export const jsonFlag = { name: "json", description: "Print the result as JSON" } as const;

/** A command's task, named as it is typed ("subnet weights commit"), with no arguments yet. */
export function define(id: string, description: string): NewTaskDefinitionBuilder<Record<never, never>> {
  return task(id.split(" "), description) as NewTaskDefinitionBuilder<Record<never, never>>;
}
