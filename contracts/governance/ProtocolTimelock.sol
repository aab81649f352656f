// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title ProtocolTimelock
/// @notice The protocol DAO's executor: OpenZeppelin's TimelockController. It owns the protocol's parameters (the
/// launch factory); once deployed, only the {ProtocolGovernor} proposes and cancels, anyone executes after the
/// delay, and nobody but the timelock itself administers its roles.
contract ProtocolTimelock is TimelockController {
    /// @param minDelay Seconds between scheduling an operation and executing it.
    /// @param proposers Accounts that propose and cancel.
    /// @param executors Accounts that execute; the zero address lets anyone execute.
    /// @param admin An optional administrator for the setup, which must renounce its role afterwards.
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
