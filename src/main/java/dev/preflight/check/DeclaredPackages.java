package dev.preflight.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The packages declared on one Jira ticket, checked against what the packaging server knows. */
record DeclaredPackages(List<String> declared, Map<String, KnownPackage> known) {

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> versionsByName = new LinkedHashMap<>();
        for (String entry : declared) {
            if (PackageVersion.normalise(entry).isEmpty()) {
                continue;
            }
            var parsed = PackageVersion.parse(entry);
            if (parsed.isEmpty()) {
                // escaped: an invisible character is often why an entry that reads right is refused
                problems.add("'" + PackageVersion.escaped(entry.strip())
                        + "' is malformed (expected NAME x.y or NAME x.y.z)");
                continue;
            }
            PackageVersion pkg = parsed.get();
            versionsByName
                    .computeIfAbsent(pkg.name(), name -> new ArrayList<>())
                    .add(pkg.version());
            KnownPackage knownPackage = known.get(pkg.name());
            if (knownPackage == null) {
                problems.add(pkg.name() + " is unknown to the packaging server");
            } else if (!knownPackage.versions().contains(pkg.version())) {
                problems.add(pkg + ": the packaging server has no such version (it has "
                        + String.join(", ", knownPackage.versions()) + ")");
            }
        }
        versionsByName.forEach((name, versions) -> {
            if (versions.size() > 1) {
                problems.add(name + " is declared " + versions.size() + " times (" + String.join(", ", versions) + ")");
            }
        });
        return problems;
    }
}
