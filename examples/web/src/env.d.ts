declare namespace App {
  interface Locals {
    failure?: { status: 400 | 502 };
  }
}
