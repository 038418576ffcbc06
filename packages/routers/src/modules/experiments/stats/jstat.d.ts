/** The part of jStat (https://jstat.github.io) the experiments engine uses; the package ships no types. */
declare module 'jstat' {
  type JStatDistributions = {
    normal: {
      cdf(x: number, mean: number, std: number): number;
      pdf(x: number, mean: number, std: number): number;
      inv(p: number, mean: number, std: number): number;
    };
    studentt: {
      cdf(x: number, dof: number): number;
      pdf(x: number, dof: number): number;
      inv(p: number, dof: number): number;
    };
    chisquare: {
      cdf(x: number, dof: number): number;
    };
  };
  const jStat: JStatDistributions;
  export default jStat;
}
