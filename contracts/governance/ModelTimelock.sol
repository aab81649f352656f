// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

/// @title ModelTimelock
/// @notice A model DAO's treasury and executor: OpenZeppelin's TimelockController, deployed as an ERC-1167
/// clone per launch. It holds the model's token treasury, the sale proceeds and the model's registry NFT;
/// only its Governor proposes, anyone executes once the delay has passed, and nobody administers it.
contract ModelTimelock is TimelockControllerUpgradeable {
    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _disableInitializers();
    }
}
