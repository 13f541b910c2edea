/** The fields of the vendor SDK's `Params` for GetInstance (see vendor-get-instance.mjs). */
export const GET_INSTANCE_PARAMS: Readonly<{
  action: string;
  version: string;
  protocol: string;
  pathname: string;
  method: string;
  authType: string;
  style: string;
  reqBodyType: string;
  bodyType: string;
}>;
