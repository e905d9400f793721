import { redirect } from "next/navigation";

/** The customers-only bin became the one recycle bin for customers and contacts: old links land there. */
export default function CustomersRecycleBinRedirect() {
  redirect("/recycle-bin?type=Customer");
}
