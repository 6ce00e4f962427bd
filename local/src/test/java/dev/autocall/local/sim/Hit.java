package dev.autocall.local.sim;

import java.util.Map;

/** One webhook the product received: the path, its parameters and whether its signature checked out. */
record Hit(String path, Map<String, String> params, boolean signed) {
}
