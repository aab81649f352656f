// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ModelId} from "../types/ModelId.sol";

/// @title IModelToken
/// @notice The token of one registered model: a fixed-supply ERC-20 with EIP-2612 permit and ERC-5805 votes
/// on a timestamp clock (ERC-6372), minted once at launch.
interface IModelToken {
    /// @notice One recipient of the supply minted at launch.
    struct Allocation {
        address account;
        uint256 amount;
    }

    /// @notice Emitted once, when the token is created for `model` of `registry` with `totalSupply` units.
    event ModelTokenInitialized(address indexed registry, ModelId indexed model, uint256 totalSupply);

    /// @notice Thrown when the allocations minted at launch add up to nothing.
    error ModelTokenEmptySupply();

    /// @notice Initialises the token and mints the whole supply to `allocations`; callable once. The registry
    /// and model come from the clone's arguments.
    function initialize(string calldata name, string calldata symbol, Allocation[] calldata allocations) external;

    /// @notice The registry the model lives in.
    function registry() external view returns (address);

    /// @notice The model this token belongs to.
    function model() external view returns (ModelId);
}
