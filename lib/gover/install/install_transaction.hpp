#pragma once
// One install into the store, whatever the source: take the version's lock, re-check the store
// (another gover may have finished meanwhile), stage under tmp/, let the source fetch, verify
// and unpack into staging, check VERSION, write meta/<v>.json and rename the tree into
// versions/<v>. Interrupted (base/interrupt.hpp) or failed, it leaves versions/, meta/ and tmp/
// as they were. Does not refresh shims (installer.cpp does).

#include "core/error.hpp"
#include "core/layout.hpp"
#include "gover/install/install_types.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

Result<InstallResult> install_toolchain(const Layout& layout, ToolchainSource& source,
                                        ToolchainFetch& toolchain, const InstallTarget& target,
                                        const InstallEvents& events = {});

} // namespace gover
