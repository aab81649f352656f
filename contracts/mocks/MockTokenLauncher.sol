// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {ModelId} from "../types/ModelId.sol";

/// @notice Test double: creates model token clones the way the launch factory does (the registry and model in the
/// clone's arguments), but with any allocations and without a sale or a DAO, so that a test chooses every holder.
/// The token's DAO is whoever owns the model in the registry.
contract MockTokenLauncher {
    /// @notice Emitted for every clone, initialised or not.
    event TokenCloned(address token);

    address public immutable implementation;

    constructor(address implementation_) {
        implementation = implementation_;
    }

    /// @notice A token for `model` of `registry`, initialised with `allocations` and `revenue`.
    function create(
        address registry,
        ModelId model,
        string calldata name,
        string calldata symbol,
        IModelToken.Allocation[] calldata allocations,
        IModelRevenue.RevenueParams calldata revenue
    ) external returns (address token) {
        token = clone(registry, model);
        IModelToken(token).initialize(name, symbol, allocations, revenue);
    }

    /// @notice A token for `model` of `registry`, left for the caller to initialise.
    function clone(address registry, ModelId model) public returns (address token) {
        token = Clones.cloneWithImmutableArgs(implementation, abi.encode(registry, model));
        emit TokenCloned(token);
    }
}
