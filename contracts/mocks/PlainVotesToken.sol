// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @notice Gas baseline: a plain OpenZeppelin ERC-20 with permit and votes on a timestamp clock, as the model
/// token is, but without revenue sharing, deployed directly (not as a clone). The benchmarks compare the model
/// token's transfers with the same transfers of this token.
contract PlainVotesToken is ERC20, ERC20Permit, ERC20Votes {
    /// @param holders Who receives the supply; `amounts[i]` goes to `holders[i]`.
    constructor(address[] memory holders, uint256[] memory amounts) ERC20("Plain Votes", "PLAIN") ERC20Permit("Plain Votes") {
        for (uint256 i; i < holders.length; ++i) {
            _mint(holders[i], amounts[i]);
        }
    }

    /// @notice Votes are counted by timestamp (ERC-6372), like the model token's.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The ERC-6372 description of {clock}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
