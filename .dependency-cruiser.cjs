/**
 * The layers of DESIGN.md, inner to outer: standard → methods → warehouse → app → interfaces.
 * An inner layer never imports an outer one.
 */
const layers = ["standard", "methods", "warehouse", "app", "interfaces"];

module.exports = {
  forbidden: layers
    .slice(0, -1)
    .map((layer, i) => ({
      name: `${layer}-is-inner`,
      comment: `${layer} must not import from the outer layers (${layers.slice(i + 1).join(", ")})`,
      severity: "error",
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${layers.slice(i + 1).join("|")})/` },
    }))
    .concat([
      {
        name: "pure-inner-layers",
        comment:
          "standard and methods are pure: no file system, network or process I/O (pack loading is the one reader)",
        severity: "error",
        from: { path: "^src/(standard|methods)/", pathNot: "^src/standard/pack\\.ts$" },
        to: {
          path: "^(fs|node:fs|net|node:net|http|node:http|child_process|node:child_process)$",
          dependencyTypes: ["core"],
        },
      },
      {
        name: "no-circular",
        severity: "error",
        from: {},
        to: { circular: true },
      },
    ]),
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
