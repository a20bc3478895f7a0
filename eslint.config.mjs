import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const restrict = (group, message) => ({ patterns: [{ group, message }] });

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "lib/db/generated/**", "public/**", "next-env.d.ts", "test-results/**", "tests/.tmp/**", "bench/results/**"],
  },
  {
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration through lib/config/env.ts." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Long-form copy (FAQ, legal pages) uses apostrophes; React escapes text anyway.
      "react/no-unescaped-entities": "off",
    },
  },
  {
    // vitest helpers named use* are not React hooks.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["lib/config/**", "scripts/**", "tests/**", "playwright.config.ts", "vitest.config.ts", "next.config.ts", "proxy.ts", "*.mjs"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", restrict(["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/**"], "app/ and components/ reach the database only through lib services.")],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        restrict(["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/**", "@/server/*", "**/server/**"], "components/ render UI; they never import the database or the server."),
      ],
    },
  },
  {
    files: ["server/**"],
    rules: { "no-restricted-imports": ["error", restrict(["@/app/*", "**/app/**"], "server/ imports lib only, never app/.")] },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", restrict(["@/app/*", "**/app/**", "@/components/*", "**/components/**"], "lib/ is framework-agnostic business logic.")] },
  },
];
export default config;
