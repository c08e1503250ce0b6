/**
 * The cart's size as the engine allows it (main/engine MAX_NOTICES; the renderer may not import
 * the engine's values, a unit test keeps the two equal). The engine refuses a sixth notice anyway:
 * this only lets the screen say so before asking.
 */
export const CART_LIMIT = 5;
