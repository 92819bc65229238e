// Module resolution hook (registered by lint.mjs with node:module register()).
// @camunda/form-linting is published as ES module source meant for bundlers: its relative imports
// leave out the ".js" extension, which Node's resolver does not guess. For imports made from inside
// that package only, this hook retries a failed relative import with ".js" appended.
const PACKAGE = '/node_modules/@camunda/form-linting/';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromPackage = context.parentURL && context.parentURL.includes(PACKAGE);
    if (error.code !== 'ERR_MODULE_NOT_FOUND' || !fromPackage || !specifier.startsWith('.')) {
      throw error;
    }
    return nextResolve(specifier + '.js', context);
  }
}
