// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Identifier of a registered model: the ERC-721 token id of its registry entry. Ids start at 1,
/// so the zero id never names a model and serves as "none" (for example, a version without a parent).
type ModelId is uint256;

using ModelIdLibrary for ModelId global;
using {equals as ==, notEquals as !=} for ModelId global;

function equals(ModelId a, ModelId b) pure returns (bool) {
    return ModelId.unwrap(a) == ModelId.unwrap(b);
}

function notEquals(ModelId a, ModelId b) pure returns (bool) {
    return ModelId.unwrap(a) != ModelId.unwrap(b);
}

/// @title ModelIdLibrary
/// @notice Helpers for the {ModelId} value type.
library ModelIdLibrary {
    /// @notice The id that names no model.
    ModelId internal constant NONE = ModelId.wrap(0);

    /// @notice Whether `id` is the "none" id.
    function isNone(ModelId id) internal pure returns (bool) {
        return ModelId.unwrap(id) == 0;
    }

    /// @notice The id as an ERC-721 token id.
    function tokenId(ModelId id) internal pure returns (uint256) {
        return ModelId.unwrap(id);
    }
}
